/** 83.4 → "1:23"; 3723 → "1:02:03". */
export function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "1:23", "1:02:03", "83" or "83.5" → seconds; anything else → null. */
export function parseClock(text: string): number | null {
  const parts = text.trim().replace('：', ':').split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * A deadline as people say it: a window that ends at midnight ends "on" the day before (12月10日), any other end
 * with its time (12月10日 17:00). Written in the page's language.
 */
export function shortDate(iso: string): string {
  const end = new Date(iso);
  const language = document.documentElement.lang || 'zh-CN';
  if (end.getHours() === 0 && end.getMinutes() === 0) {
    const day = new Date(end.getTime() - 1);
    return day.toLocaleDateString(language, { month: 'long', day: 'numeric' });
  }
  return end.toLocaleString(language, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Midnight at the start of a picked day ('YYYY-MM-DD'), in the browser's time zone (a day picked in 济南 starts at 00:00 there). */
export const dayStart = (day: string) => new Date(`${day}T00:00:00`);

/** The end of a picked day taken as the last one (a closing or due day): the following midnight, in the browser's zone. */
export function dayEnd(day: string): Date {
  const end = dayStart(day);
  end.setDate(end.getDate() + 1);
  return end;
}
