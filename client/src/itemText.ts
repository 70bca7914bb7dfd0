// Recognising what a person typed in the Check Item pickers. Shapes only: whether the ECCN or
// country exists is the server's answer, not the client's.
import type { ItemInput } from '../../server/src/model/types';

const ECCN_START = /^[0-9][A-E][0-9]{3}/i;
const EAR99 = /^EAR99$/i;
const HS_CODE = /^[0-9]{4}(\.?[0-9]{2}){0,3}$/;

export function looksLikeEccn(text: string): boolean {
  const t = text.trim();
  return ECCN_START.test(t) || EAR99.test(t);
}

export function looksLikeHs(text: string): boolean {
  return HS_CODE.test(text.trim());
}

/** Upper-cases the ECCN's category, group and number (`3a001.a.1` -> `3A001.a.1`). */
export function normalizeEccn(text: string): string {
  const t = text.trim();
  if (EAR99.test(t)) return 'EAR99';
  return t.slice(0, 5).toUpperCase() + t.slice(5);
}

/** The item a typed text stands for, or undefined when it is neither an ECCN nor an HS code. */
export function typedItem(text: string): ItemInput | undefined {
  const t = text.trim();
  if (looksLikeEccn(t)) return { eccn: normalizeEccn(t) };
  if (looksLikeHs(t)) return { hs: t };
  return undefined;
}

/** The word under the cursor trimmed of YAML punctuation (`"5A992",` -> `5A992`). */
export function cleanWord(word: string): string {
  return word.replace(/^[\s"'[{(,]+|[\s"'\]}),:.]+$/g, '');
}

/** "4000", "$4,000", "4000.50" as US dollars; undefined when it is not an amount of 0 or more. */
export function parseShipmentValue(text: string): number | undefined {
  const t = text.trim().replace(/^\$/, '').replace(/,(?=\d{3}\b)/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
