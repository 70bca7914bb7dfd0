// ECCN and HS code patterns as rules write them. A plain ECCN covers itself and its
// sub-paragraphs (3A001 covers 3A001.a.1, not 3A0011); a trailing * is a plain prefix (3A*).
// Every pattern also yields the index key it is filed under, and every item the keys it
// looks up, so that the index and the matcher can never disagree.

export interface EccnPattern {
  /** Upper case, without the trailing "*". */
  readonly text: string;
  readonly prefix: boolean;
}

/** ECCNs compare case-insensitively (3a001.A.1 is 3A001.a.1). */
export function normalizeEccn(code: string): string {
  return code.trim().toUpperCase();
}

export function parseEccnPattern(pattern: string): EccnPattern {
  const text = normalizeEccn(pattern);
  return text.endsWith('*') ? { text: text.slice(0, -1), prefix: true } : { text, prefix: false };
}

/** `eccn` must be normalized. */
export function eccnMatches(pattern: EccnPattern, eccn: string): boolean {
  if (pattern.prefix) return eccn.startsWith(pattern.text);
  if (!eccn.startsWith(pattern.text)) return false;
  // Equal, or the next character opens a sub-paragraph.
  return eccn.length === pattern.text.length || eccn.charCodeAt(pattern.text.length) === 46; // "."
}

/** The key a pattern is filed under; `ns` separates eccn from directProductOf. */
export function eccnPatternKey(ns: string, pattern: EccnPattern): string {
  return `${ns}${pattern.prefix ? 'p' : 'e'}:${pattern.text}`;
}

/**
 * The keys a (normalized) ECCN looks up: every string prefix, for prefix patterns, and
 * every dotted prefix and the whole code, for plain patterns (3A001, 3A001.A, 3A001.A.1).
 */
export function eccnLookupKeys(ns: string, eccn: string, out: string[]): void {
  for (let i = 0; i <= eccn.length; i++) out.push(`${ns}p:${eccn.slice(0, i)}`);
  for (let i = eccn.indexOf('.'); i > 0; i = eccn.indexOf('.', i + 1)) out.push(`${ns}e:${eccn.slice(0, i)}`);
  out.push(`${ns}e:${eccn}`);
}

/** HS codes compare by their digits only: "8517.13" is "851713". */
export function hsDigits(code: string): string {
  return code.replace(/\D/g, '');
}

export function hsLookupKeys(digits: string, out: string[]): void {
  for (let i = 0; i <= digits.length; i++) out.push(`h:${digits.slice(0, i)}`);
}

/** Product skus compare case-insensitively. */
export function normalizeSku(sku: string): string {
  return sku.trim().toUpperCase();
}

/** CAS registry numbers compare without leading zeros: "0007664-39-3" is "7664-39-3". */
export function normalizeCas(code: string): string {
  const m = /^\s*0*(\d{2,7})-(\d{2})-(\d)\s*$/.exec(code);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : code.trim();
}

/**
 * Why a CAS registry number is malformed (undefined when it is well formed): 2 to 7 digits, 2
 * digits and a check digit, the check digit being the sum of the other digits, each times its
 * position from the right, modulo 10 (CAS "Check Digit Verification").
 */
export function casProblem(code: string): string | undefined {
  const m = /^\s*(\d{2,7})-(\d{2})-(\d)\s*$/.exec(code);
  if (!m) return `"${code}" is not a CAS number: write it as digits-digits-check digit, e.g. 7664-39-3`;
  const digits = (m[1] + m[2]).split('').reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (i + 1), 0);
  if (sum % 10 !== Number(m[3])) return `"${code}" is not a valid CAS number: its check digit should be ${sum % 10}`;
  return undefined;
}
