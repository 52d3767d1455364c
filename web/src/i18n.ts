import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { ApiError } from './api';

// The page's language is the host's (the <html lang> the Razor layout wrote from the signed-in user's culture).
export const locale = document.documentElement.lang.startsWith('zh') ? 'zh-CN' : 'en';

export const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });

/** What to tell the user about a failed call: a sentence in their language by status, the API's detail only in English. */
export function problemText(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return t('problem.network');
  const byStatus: Record<number, string> = { 400: 'problem.invalid', 401: 'problem.signedOut', 403: 'problem.forbidden', 404: 'problem.notFound', 409: 'problem.conflict', 413: 'problem.tooLarge', 429: 'problem.tooMany' };
  const sentence = t(byStatus[error.status] ?? (error.status >= 500 ? 'problem.server' : 'problem.invalid'));
  return locale === 'en' && error.problem.detail ? `${sentence} (${error.problem.detail})` : sentence;
}
