// A time zone whose calendar date differs from UTC's right now, for tests of the local "today".

/** UTC+14 late in the UTC day, UTC-12 early in it: its date is never UTC's (but at the turn of a day). */
export function zoneOffUtc(): { tz: string; today: () => string } {
  const tz = new Date().getUTCHours() >= 12 ? 'Etc/GMT-14' : 'Etc/GMT+12';
  return { tz, today: () => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()) };
}
