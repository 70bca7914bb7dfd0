// What a block-mapping key of a rule file looks like, one definition for the splitter
// (parse.ts), the fast parser (fastParse.ts) and the cursor context (service/yamlContext.ts):
//   plain:  a letter, digit, `_` or `$`, then those or `-`, `.`, `/`, with single spaces
//           between words (`my key`), at most 1,000 characters (yaml stops at 1,024);
//   quoted: "..." without escapes, or '...' without doubled quotes;
// then optional spaces or tabs and a colon at the end of the line or before a space or tab.
// Anything else is left to the yaml parser, which reads every key YAML allows.

/** The first character of a plain key. */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** A character of a plain key after the first. */
export function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === 45 || c === 46 || c === 47;
}

export interface KeyToken {
  /** The key's first character (its opening quote when quoted). */
  start: number;
  /** Just after the key (after its closing quote). */
  end: number;
  /** The colon. */
  colon: number;
  /** The key's text, without quotes. */
  name: string;
  quoted: boolean;
}

const MAX_KEY = 1000;

/**
 * The colon of the key starting at offset `p` of `text`, or -1 when no key starts there (the
 * line ends at `lineEnd`); the key ends before the spaces or tabs ahead of the colon. scanKey
 * without the token: the fast parser reads every key of a file with it.
 */
export function keyColon(text: string, p: number, lineEnd = lineEndOf(text, p)): number {
  if (!Number.isInteger(p) || p < 0) return -1;
  const c = text.charCodeAt(p);
  let end: number;
  if (c === 34 || c === 39) {
    const close = text.indexOf(c === 34 ? '"' : "'", p + 1);
    if (close === -1 || close >= lineEnd || (c === 34 && text.lastIndexOf('\\', close) > p)) return -1;
    end = close + 1;
    if (text.charCodeAt(end) === c) return -1; // '' is an escaped quote
  } else {
    if (!isKeyStart(c)) return -1;
    end = p + 1;
    for (;;) {
      const d = text.charCodeAt(end);
      if (isKeyChar(d)) end++;
      else if (d === 32 && isKeyChar(text.charCodeAt(end + 1))) end += 2;
      else break;
    }
    if (end - p > MAX_KEY) return -1;
  }
  let colon = end;
  while (text.charCodeAt(colon) === 32 || text.charCodeAt(colon) === 9) colon++;
  if (text.charCodeAt(colon) !== 58) return -1;
  const after = text.charCodeAt(colon + 1);
  if (!(colon + 1 >= lineEnd || after === 32 || after === 9 || after === 10 || after === 13)) return -1;
  return colon;
}

/** The key starting at offset `p` of `text`, when one does (the line ends at `lineEnd`). */
export function scanKey(text: string, p: number, lineEnd = lineEndOf(text, p)): KeyToken | undefined {
  const colon = keyColon(text, p, lineEnd);
  if (colon === -1) return undefined;
  let end = colon;
  while (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9) end--;
  const quoted = text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39;
  return { start: p, end, colon, name: quoted ? text.slice(p + 1, end - 1) : text.slice(p, end), quoted };
}

function lineEndOf(text: string, p: number): number {
  const nl = text.indexOf('\n', p);
  return nl === -1 ? text.length : nl;
}
