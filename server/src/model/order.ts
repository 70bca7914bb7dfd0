// Orders texts by their UTF-16 code units: the same on every machine (localeCompare follows the
// machine's locale, and its first call loads ICU's collation data, about 15 ms, on the path of
// the first file opened). For file names and codes, not for lists a person reads.
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
