// Calls to the host's API with the sign-in cookie; writes carry the anti-forgery token from the page. A refusal
// becomes an ApiError whose message is the page's language (the API's own detail is English, for developers).
const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;

export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
}

export async function api<T>(path: string, options: RequestInit = {}): Promise<T> {
  const headers = new Headers(options.headers);
  const method = (options.method ?? 'GET').toUpperCase();
  if (csrf && method !== 'GET') headers.set('X-CSRF-TOKEN', csrf);
  if (typeof options.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (!response.ok) {
    const problem: Problem = await response.json().catch(() => ({ title: response.statusText }));
    throw new ApiError(response.status, problem);
  }
  return (response.status === 204 ? null : await response.json()) as T;
}

export const json = (value: unknown): RequestInit['body'] => JSON.stringify(value);
