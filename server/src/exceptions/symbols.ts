// Licence exception symbols as rules write them (`exceptions: [GOV, TMP]`): which exceptions of
// part 740 they name, and which symbols are not licence exceptions at all.
import type { ExceptionsData } from './data';

export interface NamedException {
  symbol: string;
  section: string; // "740.3"
  title: string;
}

export interface UnknownSymbol {
  symbol: string;
  message: string;
  /** The symbol meant, when one is one letter away or differs only in case. */
  suggestion?: string;
}

export interface SymbolCheck {
  known: NamedException[];
  unknown: UnknownSymbol[];
}

/** One letter added, dropped or changed, or two neighbours swapped (GSB for GBS). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) return true;
  }
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Names the exceptions a rule lists; "NAC/ACA" names both symbols of 740.8. */
export function checkExceptionSymbols(symbols: readonly string[], data: ExceptionsData): SymbolCheck {
  const bySymbol = new Map(data.symbols.map((s) => [s.symbol, s]));
  const known: NamedException[] = [];
  const unknown: UnknownSymbol[] = [];
  for (const written of symbols) {
    const parts = written.includes('/') ? written.split('/') : [written];
    for (const part of parts) {
      const symbol = part.trim();
      const s = bySymbol.get(symbol);
      if (s) {
        if (!known.some((k) => k.symbol === symbol)) known.push({ symbol, section: s.section, title: s.title });
        continue;
      }
      const upper = symbol.toUpperCase();
      const suggestion = bySymbol.has(upper) ? upper : data.symbols.find((x) => oneEditApart(upper, x.symbol))?.symbol;
      const all = data.symbols.map((x) => x.symbol).join(', ');
      unknown.push({
        symbol,
        message: `${symbol || '(empty)'} is not a licence exception of part 740 (${data.dataAsOf}): the symbols are ${all}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  }
  return { known, unknown };
}
