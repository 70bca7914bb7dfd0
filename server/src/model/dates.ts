// Calendar dates, one module: the yyyy-mm-dd form, whether such a text is a real date, and
// the local "today". Rule files, the engine, the command line, the server and the client all
// use it, so "today" and "a valid date" mean the same everywhere. Pure, no imports: the client
// and the webview scripts bundle it too.

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** True when the text is written yyyy-mm-dd (a real date or not: 2023-02-29 is shaped like one). */
export function hasDateShape(text: string): boolean {
  return SHAPE.test(text);
}

/**
 * Why a text written yyyy-mm-dd is not a calendar date ("there is no month 13", "February
 * 2023 has 28 days"); undefined when it is one, or when it is not written yyyy-mm-dd at all
 * (the schema reports that form).
 */
export function notACalendarDate(text: string): string | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12) return `${text} is not a date: there is no month ${mo}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `${text} is not a date: ${MONTHS[mo - 1]} ${y} has ${days} days`;
  return undefined;
}

/**
 * Why a text is not a calendar date, in words every caller shows as it is ("2023-02-29 is not a
 * date: February 2023 has 28 days", "\"1/2/2024\" is not written yyyy-mm-dd, e.g. 2024-01-31");
 * undefined when it is one.
 */
export function whyNotADate(text: string): string | undefined {
  if (!SHAPE.test(text)) return `"${text}" is not written yyyy-mm-dd, e.g. 2024-01-31`;
  return notACalendarDate(text);
}

/** A real calendar date written yyyy-mm-dd. */
export function isCalendarDate(text: string): boolean {
  return whyNotADate(text) === undefined;
}

/**
 * Today where the user is (the local time zone), yyyy-mm-dd: the date of a check that names
 * none, in the editor as on the command line. Not UTC: at 20:00 in New York it is still today.
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The reference data's as-of text: a bare date reads "eCFR as of <date>"; a sentence is kept. */
export function dataAsOfText(dataAsOf: string): string {
  return hasDateShape(dataAsOf.trim()) ? `eCFR as of ${dataAsOf.trim()}` : dataAsOf;
}
