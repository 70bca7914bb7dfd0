// Where the cursor is in a rule file, in terms of the schema: the path of keys that encloses
// it, and whether a key or a value is being typed. Text being typed is often not valid YAML
// yet (the parse of the line differs or is missing), so the current line is read as text and
// its parents are found by indentation, walking up only as far as the enclosing keys.
import { isKeyChar, scanKey } from '../model/yamlKey';
import type { RuleDocument } from '../model/document';
import { PARSE_LIMITS } from '../model/parse';
import type { Span } from '../model/types';
import type { YNode, YScalar } from '../model/yamlTree';
import { ITEM, acceptsArray, isObject, schemaAt } from './schemaNav';

export interface CursorContext {
  /** Keys from the root, ITEM for a list item: to the mapping for 'key', to the value for 'value'. */
  path: string[];
  position: 'key' | 'value';
  /** The key whose value is typed (the last key of the path), for 'value'. */
  key?: string;
  /** What is typed of the token so far, without an opening quote. */
  typed: string;
  /** The whole token under the cursor, quotes included: what a completion replaces. */
  span: Span;
  /** The token's opening quote, if it has one. */
  quote: '' | '"' | "'";
  /** Inside `[...]` or `{...}` on this line. */
  flow: boolean;
  /** Keys already in the mapping (for 'key'). */
  present: string[];
  /** Values already in the flow list around the cursor (for 'value'). */
  listed: string[];
  /** The column where the typed token's block content starts (multi-line inserts indent to it). */
  column: number;
  /** The line lacks the `- ` that the list under the key needs (insert it). */
  needsDash: boolean;
  /** The cursor follows `key:` (or `-`) directly: insert a space first. */
  needsSpace: boolean;
  /** The key already has its colon after the token (insert the key name only). */
  hasColon: boolean;
}

/** A structural element of a line: a list dash or a `key:`. */
interface Element {
  kind: 'item' | 'key';
  col: number;
  key?: string;
  /** The value text after the key's colon, comment stripped (for 'key'); text after the dash (for 'item'). */
  rest: string;
}


/** The elements of a line (or of its first `limit` characters). */
function elementsOf(line: string, limit = line.length): { elements: Element[]; end: number } {
  const text = line.slice(0, limit);
  const elements: Element[] = [];
  let i = indentOf(text);
  for (;;) {
    if (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      elements.push({ kind: 'item', col: i, rest: stripComment(text.slice(i + 1)).trim() });
      i = skipSpaces(text, i + 1);
      continue;
    }
    const k = scanKey(text, i, text.length);
    if (k) {
      elements.push({ kind: 'key', col: i, key: k.name, rest: stripComment(text.slice(k.colon + 1)).trim() });
      return { elements, end: k.colon + 1 };
    }
    return { elements, end: i };
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function stripComment(s: string): string {
  const m = /(^|[ \t])#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

interface Lines {
  text: string;
  start(line: number): number;
  end(line: number): number; // exclusive, before the newline
  count: number;
}

function linesOf(doc: RuleDocument): Lines {
  const { text, lines } = doc;
  return {
    text,
    count: lines.lineCount,
    start: (l) => lines.lineStart(l),
    end: (l) => {
      const e = l + 1 < lines.lineCount ? lines.lineStart(l + 1) - 1 : text.length;
      return e > 0 && text.charCodeAt(e - 1) === 13 && l + 1 < lines.lineCount ? e - 1 : e;
    },
  };
}

/**
 * How a line relates to a column: 'blank' (empty or comment), or its indent when smaller than
 * or equal to `col` (-1 when deeper). Reads at most col + 1 characters of the line: a walk over
 * a 50,000-line section costs a few characters per line.
 */
function shallowIndent(ls: Lines, line: number, col: number): number | 'blank' | -1 {
  const s = ls.start(line);
  const e = ls.end(line);
  let i = s;
  while (i < e && ls.text.charCodeAt(i) === 32) {
    if (i - s > col) return -1;
    i++;
  }
  if (i >= e || ls.text.charCodeAt(i) === 35 /* # */) return 'blank';
  const ind = i - s;
  return ind > col ? -1 : ind;
}

function lineText(ls: Lines, line: number): string {
  return ls.text.slice(ls.start(line), ls.end(line));
}

function isDashAt(line: string, col: number): boolean {
  return line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ' || line[col + 1] === '\t');
}

interface Enclosing {
  path: string[];
  /** Keys seen at the same column above (siblings in the same mapping). */
  present: string[];
}

/**
 * The path to whatever starts at `col` on `line`, from the lines above: the nearest shallower
 * line is the parent (a dash may also sit at its key's column). Undefined inside a multi-line
 * scalar, where nothing is to be completed.
 */
function enclosing(ls: Lines, line: number, col: number, isDash: boolean, depth = 0): Enclosing | undefined {
  // each level is one call: hostile nesting (thousands of levels) must not exhaust the stack
  if (depth > PARSE_LIMITS.maxDepth) return undefined;
  const present: string[] = [];
  for (let l = line - 1; l >= 0; l--) {
    const ind = shallowIndent(ls, l, col);
    if (ind === 'blank' || ind === -1) continue;
    const t = lineText(ls, l);
    if (ind === col) {
      if (isDashAt(t, col)) continue; // a sibling item, or the list of a sibling key
      const { elements } = elementsOf(t);
      const first = elements[0];
      if (isDash && first?.kind === 'key' && first.rest === '') {
        // a list at its key's own column: `rules:` / `- id: ...`
        const up = enclosing(ls, l, col, false, depth + 1);
        return up && { path: [...up.path, first.key!], present };
      }
      if (!isDash && first?.kind === 'key') present.push(first.key!);
      continue;
    }
    // a shallower line: the last of its elements left of the column holds us
    const { elements } = elementsOf(t);
    let chosen = -1;
    for (let k = 0; k < elements.length; k++) {
      const el = elements[k];
      if (el.col < col) chosen = k;
      else if (el.col === col && el.kind === 'key') {
        if (isDash && el.rest === '') chosen = k;
        else if (!isDash) present.push(el.key!);
      }
    }
    if (chosen === -1) return undefined;
    const holder = elements[chosen];
    // a key with a scalar value, or a dash with a scalar: the deeper line continues that scalar
    const continuesScalar =
      holder.kind === 'key' ? holder.rest !== '' && !/^&\S+$/.test(holder.rest) : chosen === elements.length - 1 && holder.rest !== '';
    if (continuesScalar) return undefined;
    const up = enclosing(ls, l, elements[0].col, elements[0].kind === 'item', depth + 1);
    if (!up) return undefined;
    const path = [...up.path];
    for (let k = 0; k <= chosen; k++) path.push(elements[k].kind === 'item' ? ITEM : elements[k].key!);
    return { path, present };
  }
  return { path: [], present };
}

/** Keys at `col` below the line, up to the end of the mapping. */
function keysBelow(ls: Lines, line: number, col: number): string[] {
  const out: string[] = [];
  for (let l = line + 1; l < ls.count; l++) {
    const ind = shallowIndent(ls, l, col);
    if (ind === 'blank' || ind === -1) continue;
    if (ind < col) break;
    const t = lineText(ls, l);
    if (isDashAt(t, col)) continue;
    const k = scanKey(t, col, t.length);
    if (k) out.push(k.name);
  }
  return out;
}

interface FlowState {
  kind: 'seq' | 'map';
  key?: string; // the map's key whose value is being written
  expectValue: boolean;
  keys: string[];
  items: string[];
}

/** The cursor context at an offset, or undefined where nothing is completed (comments, scalars spanning lines). */
export function cursorContext(doc: RuleDocument, offset: number): CursorContext | undefined {
  const ls = linesOf(doc);
  const pos = doc.lines.positionAt(offset);
  const line = pos.line;
  const lineStart = ls.start(line);
  const full = lineText(ls, line);
  const col = Math.min(pos.character, full.length);
  const prefix = full.slice(0, col);
  if (/(^|[ \t])#/.test(prefix.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined; // in a comment
  if (/^(---|\.\.\.)/.test(prefix)) return undefined;

  const { elements, end } = elementsOf(prefix);
  const blankPrefix = prefix.trim() === '';
  const first = elements[0];
  const baseCol = blankPrefix ? col : (first?.col ?? indentOf(prefix));
  const startsWithDash = first?.kind === 'item';
  const up = enclosing(ls, line, baseCol, startsWithDash);
  if (!up) return undefined;
  const path = [...up.path];
  const present = [...up.present];
  for (const el of elements.slice(0, -1)) path.push(el.kind === 'item' ? ITEM : el.key!);
  const last = elements[elements.length - 1];
  const abs = (c: number) => lineStart + c;

  const ctx: CursorContext = {
    path,
    position: 'key',
    typed: '',
    span: { start: offset, end: offset },
    quote: '',
    flow: false,
    present,
    listed: [],
    column: baseCol,
    needsDash: false,
    needsSpace: false,
    hasColon: false,
  };

  if (last?.kind === 'key') {
    // after `key:` on this line: a value, or a flow collection
    path.push(last.key!);
    const valueStart = skipSpaces(prefix, end);
    ctx.needsSpace = valueStart === end && end === col;
    if (prefix[valueStart] === '[' || prefix[valueStart] === '{') return flowContext(ctx, full, valueStart, col, abs);
    return scalarContext(ctx, full, valueStart, col, abs, 'block');
  }

  // a key (or a list item) being typed
  if (last?.kind === 'item') {
    path.push(ITEM);
    ctx.column = end;
    ctx.needsSpace = end === col && prefix[col - 1] === '-';
    // keys of this item's mapping that follow on the lines below
    present.length = 0;
    for (const k of keysBelow(ls, line, end)) present.push(k); // a mapping may have 300,000 keys: no push(...)
  } else {
    for (const k of keysBelow(ls, line, baseCol)) present.push(k);
  }
  const tokenStart = end;
  if (prefix[tokenStart] === '[' || prefix[tokenStart] === '{') return flowContext(ctx, full, tokenStart, col, abs);
  if (/^["']/.test(prefix.slice(tokenStart)) || /[ \t]/.test(prefix.slice(tokenStart).trimEnd())) {
    // a quoted or several-word token is no key: read it as a scalar list item
    return normalise(scalarContext(ctx, full, tokenStart, col, abs, 'block'));
  }
  let e = col;
  while (e < full.length && isKeyChar(full.charCodeAt(e))) e++;
  ctx.typed = prefix.slice(tokenStart);
  ctx.span = { start: abs(tokenStart), end: abs(e) };
  ctx.hasColon = /^[ \t]*:/.test(full.slice(e));
  return normalise(ctx);
}

/** A key position where the schema wants a list item, or a scalar, is a value. */
function normalise(ctx: CursorContext | undefined): CursorContext | undefined {
  if (!ctx || ctx.position !== 'key') return ctx;
  const here = schemaAt(ctx.path);
  if (isObject(here)) return ctx;
  if (acceptsArray(here) && ctx.path[ctx.path.length - 1] !== ITEM) {
    // under `rules:` with no dash yet: a new item, inserted with its dash
    ctx.path = [...ctx.path, ITEM];
    ctx.needsDash = true;
    ctx.present = [];
    if (isObject(schemaAt(ctx.path))) return ctx;
  }
  if (ctx.path[ctx.path.length - 1] === ITEM || here) {
    ctx.position = 'value';
    ctx.key = lastKey(ctx.path);
  }
  return ctx;
}

function lastKey(path: readonly string[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i] !== ITEM) return path[i];
  return undefined;
}

/** A plain or quoted scalar from `start`; block scalars run to the end of the line. */
function scalarContext(ctx: CursorContext, full: string, start: number, col: number, abs: (c: number) => number, mode: 'block' | 'flow'): CursorContext | undefined {
  ctx.position = 'value';
  ctx.key = lastKey(ctx.path);
  const q = full[start];
  if (start < col && (q === '"' || q === "'")) {
    ctx.quote = q;
    const close = full.indexOf(q, start + 1);
    const inside = close === -1 || close >= col;
    ctx.typed = full.slice(start + 1, inside ? col : close);
    const end = close === -1 ? lineEndOf(full, start, mode) : close + 1;
    ctx.span = { start: abs(start), end: abs(end) };
    return ctx;
  }
  if (full[start] === '|' || full[start] === '>') return undefined; // a block scalar's header
  ctx.typed = full.slice(start, col);
  ctx.span = { start: abs(Math.min(start, col)), end: abs(Math.max(col, lineEndOf(full, start, mode))) };
  return ctx;
}

/** Where a plain scalar ends: before a comment and trailing spaces; in flow, at , ] or }. */
function lineEndOf(full: string, start: number, mode: 'block' | 'flow'): number {
  let e = start;
  while (e < full.length) {
    const c = full[e];
    if (mode === 'flow' && (c === ',' || c === ']' || c === '}')) break;
    if (c === '#' && (e === 0 || full[e - 1] === ' ')) break;
    e++;
  }
  while (e > start && (full[e - 1] === ' ' || full[e - 1] === '\t')) e--;
  return e;
}

/** Reads `[...]` / `{...}` from `start` up to the cursor. */
function flowContext(ctx: CursorContext, full: string, start: number, col: number, abs: (c: number) => number): CursorContext | undefined {
  const stack: FlowState[] = [];
  let token = start;
  let quote = '';
  for (let j = start; j < col; j++) {
    const c = full[j];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    const top = stack[stack.length - 1];
    if ((c === '"' || c === "'") && full.slice(token, j).trim() === '') quote = c;
    else if (c === '[' || c === '{') {
      stack.push({ kind: c === '[' ? 'seq' : 'map', expectValue: false, keys: [], items: [] });
      token = j + 1;
    } else if (c === ']' || c === '}') {
      stack.pop();
      token = j + 1;
    } else if (c === ',') {
      if (top?.kind === 'seq') {
        const v = unquote(full.slice(token, j).trim());
        if (v) top.items.push(v);
      } else if (top) top.expectValue = false;
      token = j + 1;
    } else if (c === ':' && top?.kind === 'map' && !top.expectValue && /[\s,\]}]/.test(full[j + 1] ?? ' ')) {
      top.key = unquote(full.slice(token, j).trim());
      top.keys.push(top.key);
      top.expectValue = true;
      token = j + 1;
    }
  }
  if (stack.length === 0) return undefined; // after the closing bracket
  ctx.flow = true;
  // each nested level is an item of the list, or the value of the map's key, around it
  for (let k = 1; k < stack.length; k++) {
    const parent = stack[k - 1];
    if (parent.kind === 'seq') ctx.path.push(ITEM);
    else if (parent.key) ctx.path.push(parent.key);
  }
  const top = stack[stack.length - 1];
  const tokenStart = skipSpaces(full, token);
  // `{ eccn:|`: without a space YAML would read `eccn:3A001` as one word
  ctx.needsSpace = tokenStart >= col && full[col - 1] === ':';
  if (top.kind === 'seq') {
    ctx.path.push(ITEM);
    ctx.listed = [...top.items, ...restOfList(full, col)];
    return normalise(scalarContext(ctx, full, Math.min(tokenStart, col), col, abs, 'flow'));
  }
  if (top.expectValue && top.key) {
    ctx.path.push(top.key);
    return scalarContext(ctx, full, Math.min(tokenStart, col), col, abs, 'flow');
  }
  ctx.position = 'key';
  ctx.present = top.keys;
  const from = Math.min(tokenStart, col);
  let e = col;
  while (e < full.length && isKeyChar(full.charCodeAt(e))) e++;
  ctx.typed = full.slice(from, col);
  ctx.span = { start: abs(from), end: abs(e) };
  ctx.hasColon = /^[ \t]*:/.test(full.slice(e));
  return ctx;
}

/** The plain values after the cursor's token, up to the end of the flow list. */
function restOfList(full: string, col: number): string[] {
  const close = full.indexOf(']', col);
  const rest = full.slice(col, close === -1 ? full.length : close);
  return rest
    .split(',')
    .slice(1)
    .map((v) => unquote(v.trim()))
    .filter(Boolean);
}

/** A scalar of the tree under the offset: a key or a value, with its schema path. */
export interface TreeToken {
  /** For a key: the path to its value (ending in the key); for a value: the path to it. */
  path: string[];
  position: 'key' | 'value';
  node: YScalar;
}

/** The key or value scalar at the offset in the parsed tree (end inclusive, for hover at a word's end). */
export function tokenAt(root: YNode | null, offset: number): TreeToken | undefined {
  const path: string[] = [];
  let node: YNode | null = root;
  while (node) {
    if (offset < node.start || offset > node.end) return undefined;
    if (node.kind === 'scalar') return { path, position: 'value', node };
    let next: YNode | null = null;
    if (node.kind === 'map') {
      for (const p of node.items) {
        if (offset >= p.key.start && offset <= p.key.end) return { path: [...path, String(p.key.value)], position: 'key', node: p.key };
        if (p.value && offset >= p.value.start && offset <= p.value.end) {
          path.push(String(p.key.value));
          next = p.value;
          break;
        }
      }
    } else {
      for (const item of node.items) {
        if (item && offset >= item.start && offset <= item.end) {
          path.push(ITEM);
          next = item;
          break;
        }
      }
    }
    node = next;
  }
  return undefined;
}
