// ECCN paragraphs: "3A001.b.2" is paragraph b.2 of 3A001. An item named by its heading (3A001)
// stands for all of its paragraphs, so a control or rule that names only some of them applies to
// it in part: the engine then answers the most restrictive case and says which paragraphs drive
// it. Codes compare upper case (normalizeEccn), so "3A001.B.2" here.
import type { Eccn } from '../catalog/types';
import { normalizeEccn } from './patterns';

/** How an item's ECCN relates to a pattern's: the same or inside it, broader than it, or apart. */
export const enum Relation {
  Apart = 0,
  /** The item is broader (3A001 against 3A001.b.2): some of its paragraphs fall in the pattern. */
  Contains = 1,
  /** The item is the pattern or one of its paragraphs (3A001.b.2.a against 3A001.b.2). */
  Inside = 2,
}

/** Both normalized, without a trailing "*". */
export function relation(item: string, pattern: string): Relation {
  if (item === pattern) return Relation.Inside;
  if (item.length > pattern.length) {
    return item.startsWith(pattern) && item.charCodeAt(pattern.length) === 46 ? Relation.Inside : Relation.Apart;
  }
  return pattern.startsWith(item) && pattern.charCodeAt(item.length) === 46 ? Relation.Contains : Relation.Apart;
}

/** A paragraph path alternates letters and numbers, starting with a letter: a.1.b.2. */
const PATH = /^[a-z](?:\.\d{1,3}(?:\.[a-z](?:\.\d{1,3})?)?)*$/i;
const SEGMENTS = /^(?:[a-z]|\d{1,3})(?:\.(?:[a-z]|\d{1,3}))*$/i;

function alternates(path: string): boolean {
  const parts = path.split('.');
  return parts.every((p, i) => (i % 2 === 0 ? /^[a-z]$/i.test(p) : /^\d{1,3}$/.test(p)));
}

export interface ParagraphProblem {
  message: string;
  /** Codes to suggest instead (the parent, named siblings). */
  suggestions: string[];
}

/**
 * Whether a paragraph of an entry can be answered. The data has no full list of an entry's
 * paragraphs, only those its controls and licence exception lines name, so a paragraph is
 * refused only when the data contradicts it: a path that is not letters and numbers in turn, or
 * a number beyond a run the data enumerates from 1 at that level (3A001.z.9 when z.1 to z.4 are
 * named). Undefined when it can be answered (the answer then warns when the data does not name
 * the paragraph).
 */
export function paragraphProblem(entry: Eccn, code: string): ParagraphProblem | undefined {
  const dot = code.indexOf('.');
  if (dot < 0) return undefined;
  const base = entry.code;
  const path = code.slice(dot + 1);
  if (!SEGMENTS.test(path) || !alternates(path) || !PATH.test(path)) {
    return {
      message: `"${code}" is not a paragraph of ${base}: a paragraph is letters and numbers in turn, e.g. ${base}.a.1.b`,
      suggestions: [base],
    };
  }
  const named = entry.paragraphs.map(normalizeEccn);
  const parts = normalizeEccn(code).split('.');
  for (let depth = 2; depth < parts.length + 1; depth++) {
    const segment = parts[depth - 1];
    if (!/^\d+$/.test(segment)) continue;
    const parent = parts.slice(0, depth - 1).join('.');
    const siblings = new Set<number>();
    for (const p of named) {
      const q = p.split('.');
      if (q.length >= depth && q.slice(0, depth - 1).join('.') === parent && /^\d+$/.test(q[depth - 1])) siblings.add(Number(q[depth - 1]));
    }
    // Only a run the data enumerates from 1 (z.1 to z.4, a.1 to a.14) says where the numbers end;
    // b.3 and b.4 alone say nothing about b.5.
    const last = siblings.size;
    const enumerated = last >= 2 && [...siblings].every((n) => n >= 1 && n <= last);
    if (enumerated && Number(segment) > last) {
      const parentCode = restoreCase(parent);
      const listed = [...siblings].sort((a, b) => a - b).map((n) => `${parentCode}.${n}`);
      return {
        message:
          `${base} has no paragraph "${code}" in the reference data: under ${parentCode} it names ${listed.join(', ')}. ` +
          `Check the paragraph, or ask about ${parentCode} (the most restrictive answer over its paragraphs)`,
        suggestions: [parentCode, ...listed].slice(0, 4),
      };
    }
  }
  return undefined;
}

/** "3A001.Z.1.A" -> "3A001.z.1.a": the base upper case, paragraph letters lower case. */
export function restoreCase(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code.toUpperCase() : code.slice(0, dot).toUpperCase() + code.slice(dot).toLowerCase();
}
