// Shared helpers for page scripts: API calls with the sign-in cookie carry the anti-forgery token.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content;

/** The list's empty state: its data-empty text, saying what to do next. */
export function emptyItem(list) {
  return Object.assign(document.createElement('li'), { className: 'empty', textContent: list.dataset.empty });
}

export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (csrf && options.method && options.method !== 'GET') headers.set('X-CSRF-TOKEN', csrf);
  if (options.body && !(options.body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    throw Object.assign(new Error(problem.detail || problem.title), { problem, status: response.status });
  }
  return response.status === 204 ? null : response.json();
}
