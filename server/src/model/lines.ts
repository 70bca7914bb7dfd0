// Offsets <-> zero-based line/character positions (UTF-16 code units, as LSP and JS strings).
import type { Position, Range, Span } from './types';

export interface LineIndex {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(span: Span): Range;
  lineStart(line: number): number;
}

export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // the usual case, found by indexOf rather than a loop over every character
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  const clamp = (offset: number): number => {
    const o = Math.max(0, Math.min(offset, text.length));
    // an offset between the \r and \n of one line break (yaml reports some there) is the line's end
    return text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13 ? o - 1 : o;
  };
  const positionAt = (offset: number): Position => {
    const o = clamp(offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  };
  const lineStart = (line: number): number => starts[Math.max(0, Math.min(line, starts.length - 1))];
  return {
    lineCount: starts.length,
    positionAt,
    lineStart,
    offsetAt(p: Position): number {
      // positions are whole numbers; a client's 1.5 or NaN is read as the whole part, or 0
      const line = Math.trunc(p.line) || 0;
      const character = Math.trunc(p.character) || 0;
      if (line >= starts.length) return text.length;
      const start = lineStart(line);
      const next = line + 1 < starts.length ? starts[line + 1] : text.length;
      return Math.max(start, Math.min(start + Math.max(0, character), next));
    },
    rangeOf(span: Span): Range {
      const start = positionAt(span.start);
      // the end is mostly on the start's line (an id, a key): no second search then
      const end = clamp(span.end);
      const line = start.line;
      if (end >= starts[line] && (line + 1 === starts.length || end < starts[line + 1])) return { start, end: { line, character: end - starts[line] } };
      return { start, end: positionAt(span.end) };
    },
  };
}
