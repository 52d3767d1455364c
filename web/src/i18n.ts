import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { MessagePlugin } from 'tdesign-vue-next';
import { ApiError } from './api';

// The page's language is the host's (the <html lang> the Razor layout wrote from the signed-in user's culture).
export const locale = document.documentElement.lang.startsWith('zh') ? 'zh-CN' : 'en';

export const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });

/**
 * What to tell the user about a failed call: a sentence in their language by status (a page may give its own keys
 * for some statuses, e.g. 409 "that user name is taken"), the API's detail only in English.
 */
export function problemText(error: unknown, keysByStatus: Record<number, string> = {}): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return t('problem.network');
  const byStatus: Record<number, string> = { 400: 'problem.invalid', 401: 'problem.signedOut', 403: 'problem.forbidden', 404: 'problem.notFound', 409: 'problem.conflict', 413: 'problem.tooLarge', 429: 'problem.tooMany', ...keysByStatus };
  const sentence = t(byStatus[error.status] ?? (error.status >= 500 ? 'problem.server' : 'problem.invalid'));
  return locale === 'en' && error.problem.detail ? `${sentence} (${error.problem.detail})` : sentence;
}

/**
 * Runs a change the user asked for: the success message when it worked, the problem in their language when it did
 * not (nothing typed is lost: the form keeps it); busy, when given, is true meanwhile. Answers the result or undefined.
 */
export async function saveWith<T>(
  action: () => Promise<T>, savedText: string | null, busy?: { value: boolean }, keysByStatus: Record<number, string> = {},
): Promise<T | undefined> {
  if (busy) busy.value = true;
  try {
    const result = await action();
    if (savedText) MessagePlugin.success(savedText);
    return result;
  } catch (error) {
    MessagePlugin.error(problemText(error, keysByStatus));
    return undefined;
  } finally {
    if (busy) busy.value = false;
  }
}
