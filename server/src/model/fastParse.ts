// A fast parser for the plain YAML that rule files are made of, producing the same YNode
// tree as `yaml` + fromYaml (same offsets, same scalar types), about twenty times faster.
// It exists for the first open of a large file; edits re-parse single units anyway.
//
// The subset: block mappings and sequences, plain and quoted one-line scalars, one-line flow
// sequences and mappings of those, comments and blank lines. On anything else, and on any
// doubt, it returns undefined and `yaml` parses the text, so every syntax error and warning
// still comes from `yaml`. Equivalence is property-tested (test/unit/fast-parse.test.ts).
//
// Offsets follow yaml's composer: a collection ends where its last value's node ends (after
// that line's comment and newline, and after comment lines indented deeper than the
// collection); comment lines that close a collection stay with the innermost collection
// unless all are indented less than it; an empty value sits after its colon and spaces.
import type { ScalarValue, YMap, YNode, YPair, YScalar, YSeq } from './yamlTree';
import { scanKey } from './yamlKey';

type Comments = readonly { indent: number; end: number }[];
/** Shared by every value without comment lines after it (most of them): no allocation. */
const NO_COMMENTS: Comments = Object.freeze([]);

/** Thrown (one shared instance) to leave the subset. */
const BAIL = { bail: true };
const MAX_DEPTH = 64;
const MAX_NODES = 1_000_000;

/** Characters that never appear in the subset (controls, tabs, CR, BOM, odd line breaks). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const OUTSIDE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

interface Line {
  start: number; // offset of the line
  content: number; // offset of its first non-space character
  indent: number;
}

/** What follows a value: comment lines (indent, end after newline) before the next content line. */
interface Trailer {
  comments: Comments;
  next: Line | undefined;
}

interface Block {
  node: YNode;
  /** yaml's range[2]: the node end with its comments, which a parent's end is taken from. */
  nodeEnd: number;
  trailer: Trailer;
  /** Comments the collection passed up to its parent when it closed. */
  passed: Comments;
}

export function fastParse(text: string): YNode | undefined {
  return fastParseRange(text, 0, text.length);
}

/** True when the text has none of the characters outside the subset (tested once for a whole text). */
export function withinSubset(text: string): boolean {
  return !OUTSIDE.test(text);
}

/**
 * Parses `text.slice(start, end)` where it stands, with the offsets of `text` (a unit of a rule
 * file: no copy of its text for the parser and no walk to move its tree). `end` is the text's
 * end or just past a line break. `checked`: the caller found the whole text within the subset.
 */
export function fastParseRange(text: string, start: number, end: number, checked = false): YNode | undefined {
  if (!checked && OUTSIDE.test(start === 0 && end === text.length ? text : text.slice(start, end))) return undefined;
  try {
    return new FastParser(text, start, end).document();
  } catch (err) {
    if (err === BAIL) return undefined;
    throw err;
  }
}

class FastParser {
  private nodes = 0;
  constructor(
    private readonly t: string,
    private readonly start: number,
    /** Where the parsed range ends: the parser reads nothing at or past it. */
    private readonly end: number,
  ) {}

  document(): YNode {
    const first = this.trailerFrom(this.start).next;
    if (!first) throw BAIL; // empty or only comments: yaml's null document
    const c = this.t.charCodeAt(first.content);
    if (this.t.startsWith('---', first.start) || this.t.startsWith('...', first.start) || c === 37 /* % */) throw BAIL;
    const block = this.isSeqItem(first.content) ? this.blockSeq(first, 0) : this.blockMap(first.indent, first.content, 0);
    if (block.trailer.next) throw BAIL; // content outdented below the top collection
    return block.node;
  }

  // ---- lines

  private lineEnd(p: number): number {
    const i = this.t.indexOf('\n', p);
    return i === -1 || i >= this.end ? this.end : i;
  }

  /** Past the newline that ends the line holding p (or the text end). */
  private afterLine(p: number): number {
    const i = this.t.indexOf('\n', p);
    return i === -1 || i >= this.end ? this.end : i + 1;
  }

  /** Skips blank and comment lines from line start p, noting the comments. */
  private trailerFrom(p: number): Trailer {
    const t = this.t;
    let comments: { indent: number; end: number }[] | undefined;
    while (p < this.end) {
      let q = p;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      if (q >= this.end || c === 10) {
        p = q + 1;
        continue;
      }
      if (c === 35 /* # */) {
        const indent = q - p;
        p = this.afterLine(q);
        (comments ??= []).push({ indent, end: p });
        continue;
      }
      if (q - p === 0 && (t.startsWith('---', p) || t.startsWith('...', p) || c === 37)) throw BAIL;
      return { comments: comments ?? NO_COMMENTS, next: { start: p, content: q, indent: q - p } };
    }
    return { comments: comments ?? NO_COMMENTS, next: undefined };
  }

  private lineStartOf(p: number): number {
    return this.t.lastIndexOf('\n', p - 1) + 1;
  }

  private isSeqItem(p: number): boolean {
    if (this.t.charCodeAt(p) !== 45 /* - */) return false;
    const n = this.t.charCodeAt(p + 1);
    return n === 32 || n === 10 || p + 1 >= this.end;
  }

  private count(): void {
    if (++this.nodes > MAX_NODES) throw BAIL;
  }

  // ---- block collections

  /** A block mapping whose keys stand at column `indent`, the first at offset `p`. */
  private blockMap(indent: number, p: number, depth: number): Block {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const items: YPair[] = [];
    const map: YMap = { kind: 'map', items, start: p, end: p, flow: false };
    for (;;) {
      const key = this.blockKey(p);
      if (hasKey(items, key.value)) throw BAIL; // yaml reports duplicate keys
      // after "key:" (the colon is at key.end, or after a closing quote)
      let q = key.end + 1;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      let value: YNode | null;
      let nodeEnd: number;
      let trailer: Trailer;
      let passed: Comments = NO_COMMENTS;
      let inline = false;
      if (q >= this.end || c === 10 || c === 35) {
        // nothing on the line: a nested block collection, or an empty value
        if (c === 35 && t.charCodeAt(q - 1) !== 32) throw BAIL;
        const after = this.trailerFrom(this.afterLine(q));
        const next = after.next;
        if (next && next.indent > indent) {
          const child = this.isSeqItem(next.content) ? this.blockSeq(next, depth + 1) : this.blockMap(next.indent, next.content, depth + 1);
          value = child.node;
          nodeEnd = child.nodeEnd;
          trailer = child.trailer;
          passed = child.passed;
        } else {
          if (next && next.indent === indent && this.isSeqItem(next.content)) throw BAIL; // a sequence at the key's indent
          // an empty value: after the colon and its spaces; a comment near it would move its end
          if (c === 35 || (after.comments.length > 0 && (!next || next.indent < indent))) throw BAIL;
          this.count();
          value = { kind: 'scalar', value: null, start: q, end: q, quoted: false };
          nodeEnd = q;
          trailer = after;
        }
      } else {
        value = this.inlineValue(q, depth);
        nodeEnd = this.endOfValueLine(value.end);
        trailer = this.trailerFrom(nodeEnd);
        inline = true;
      }
      items.push({ key, value });
      const next = trailer.next;
      if (next && next.indent === indent) {
        if (this.isSeqItem(next.content)) throw BAIL;
        p = next.content;
        continue;
      }
      if (next && next.indent > indent) throw BAIL; // a continuation line or bad indentation
      return this.close(map, indent, inline ? trailer.comments : passed, inline, nodeEnd, trailer);
    }
  }

  /** A block sequence whose dashes stand at column `line.indent`. */
  private blockSeq(line: Line, depth: number): Block {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const indent = line.indent;
    const items: (YNode | null)[] = [];
    const seq: YSeq = { kind: 'seq', items, start: line.content, end: line.content, flow: false };
    let p = line.content;
    for (;;) {
      let q = p + 1;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      if (q >= this.end || c === 10 || c === 35 || q === p + 1) throw BAIL; // empty item or "-x"
      let nodeEnd: number;
      let trailer: Trailer;
      let passed: Comments = NO_COMMENTS;
      let inline = false;
      if (this.isSeqItem(q)) throw BAIL; // "- - x"
      if (this.looksLikeKey(q)) {
        const child = this.blockMap(q - this.lineStartOf(q), q, depth + 1);
        items.push(child.node);
        nodeEnd = child.nodeEnd;
        trailer = child.trailer;
        passed = child.passed;
      } else {
        const value = this.inlineValue(q, depth);
        items.push(value);
        nodeEnd = this.endOfValueLine(value.end);
        trailer = this.trailerFrom(nodeEnd);
        inline = true;
      }
      const next = trailer.next;
      if (next && next.indent === indent) {
        if (!this.isSeqItem(next.content)) throw BAIL;
        p = next.content;
        continue;
      }
      if (next && next.indent > indent) throw BAIL;
      return this.close(seq, indent, inline ? trailer.comments : passed, inline, nodeEnd, trailer);
    }
  }

  /**
   * Ends a collection (yaml's pop): after an inline last value, comment lines indented deeper
   * than the collection extend that value's end; the remaining comments stay with this
   * collection (its node end) unless every one is indented less than it, when they pass up.
   */
  private close(coll: YMap | YSeq, indent: number, comments: Comments, inline: boolean, lastEnd: number, trailer: Trailer): Block {
    let i = 0;
    if (inline) while (i < comments.length && comments[i].indent > indent) lastEnd = comments[i++].end;
    const rest = i === 0 ? comments : comments.slice(i);
    coll.end = lastEnd;
    if (rest.length === 0) return { node: coll, nodeEnd: lastEnd, trailer, passed: NO_COMMENTS };
    if (indent === 0 || rest.every((c) => c.indent < indent)) return { node: coll, nodeEnd: lastEnd, trailer, passed: rest };
    // they stay: the node ends where the next content starts (its indentation included)
    return { node: coll, nodeEnd: trailer.next ? trailer.next.content : this.end, trailer, passed: NO_COMMENTS };
  }

  /** True when a block mapping key starts at p ("key:" followed by a space or the line end). */
  private looksLikeKey(p: number): boolean {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = t.indexOf(String.fromCharCode(c), p + 1);
      return close !== -1 && close < this.lineEnd(p) && t.charCodeAt(close + 1) === 58;
    }
    const e = this.lineEnd(p);
    for (let i = p; i < e; i++) {
      const d = t.charCodeAt(i);
      if (d === 58 /* : */) {
        const n = t.charCodeAt(i + 1);
        if (i + 1 >= this.end || n === 32 || n === 10) return true;
      } else if (d === 35 && t.charCodeAt(i - 1) === 32) return false;
    }
    return false;
  }

  /** The key of a block mapping entry at p (yamlKey.ts says what a key is); its end is the colon's offset. */
  private blockKey(p: number): YScalar {
    const t = this.t;
    const k = scanKey(t, p, this.lineEnd(p));
    // the subset: the colon right after the key, then a space or the line's end; yaml reads the
    // other forms (and gives their ranges)
    if (!k || k.colon !== k.end) throw BAIL;
    const n = t.charCodeAt(k.colon + 1);
    if (!(k.colon + 1 >= this.end || n === 32 || n === 10)) throw BAIL;
    if (k.quoted) return t.charCodeAt(p) === 34 ? this.doubleQuoted(p) : this.singleQuoted(p);
    this.count();
    return { kind: 'scalar', value: plainValue(k.name), start: p, end: k.end, quoted: false };
  }

  /** A value that starts on the line at q: a quoted or plain scalar, or a flow collection. */
  private inlineValue(q: number, depth: number): YNode {
    const c = this.t.charCodeAt(q);
    if (c === 34) return this.doubleQuoted(q);
    if (c === 39) return this.singleQuoted(q);
    if (c === 91 || c === 123) return this.flow(q, depth + 1);
    return this.plainBlock(q);
  }

  /** After a value: spaces, an optional comment, the newline. Returns the offset past them. */
  private endOfValueLine(p: number): number {
    const t = this.t;
    let i = p;
    while (t.charCodeAt(i) === 32) i++;
    if (i >= this.end) return this.end;
    const c = t.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 35 && i > p) return this.afterLine(i);
    throw BAIL; // something after the value ("a" b, [x] y)
  }

  // ---- scalars

  private plainBlock(p: number): YScalar {
    const t = this.t;
    if (!isPlainStart(t.charCodeAt(p), t.charCodeAt(p + 1))) throw BAIL;
    const e = this.lineEnd(p);
    let end = e;
    for (let i = p; i < e; i++) {
      const d = t.charCodeAt(i);
      if (d === 35 && t.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
      if (d === 58) {
        const n = t.charCodeAt(i + 1);
        if (i + 1 >= e || n === 32) throw BAIL; // "a: b: c" or a trailing colon
      }
    }
    while (end > p && t.charCodeAt(end - 1) === 32) end--;
    this.count();
    return { kind: 'scalar', value: plainValue(t.slice(p, end)), start: p, end, quoted: false };
  }

  private singleQuoted(p: number): YScalar {
    const t = this.t;
    const e = this.lineEnd(p);
    let i = p + 1;
    let value = '';
    let from = i;
    for (;;) {
      const j = t.indexOf("'", i);
      if (j === -1 || j >= e) throw BAIL; // unclosed, or running over lines
      if (t.charCodeAt(j + 1) === 39) {
        value += t.slice(from, j + 1);
        i = from = j + 2;
        continue;
      }
      value += t.slice(from, j);
      i = j + 1;
      break;
    }
    this.count();
    return { kind: 'scalar', value, start: p, end: i, quoted: true };
  }

  private doubleQuoted(p: number): YScalar {
    const t = this.t;
    const e = this.lineEnd(p);
    let value = '';
    let from = p + 1;
    let i = p + 1;
    for (;;) {
      if (i >= e) throw BAIL;
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        const n = t[i + 1];
        const simple = n === '\\' || n === '"' || n === '/' ? n : n === 'n' ? '\n' : n === 't' ? '\t' : undefined;
        if (simple === undefined) throw BAIL; // other escapes: leave them to yaml
        value += t.slice(from, i) + simple;
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    value += t.slice(from, i);
    this.count();
    return { kind: 'scalar', value, start: p, end: i + 1, quoted: true };
  }

  // ---- flow collections (on one line)

  private flow(p: number, depth: number): YMap | YSeq {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const seqItems: YNode[] = [];
    const mapItems: YPair[] = [];
    let i = p + 1;
    for (;;) {
      while (t.charCodeAt(i) === 32) i++;
      if (t.charCodeAt(i) === close && seqItems.length + mapItems.length === 0) {
        i++;
        break;
      }
      if (isMap) {
        const key = this.flowScalar(i, true);
        if (hasKey(mapItems, key.value)) throw BAIL;
        i = key.end;
        if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== 32) throw BAIL;
        i += 2;
        while (t.charCodeAt(i) === 32) i++;
        const value = this.flowItem(i, depth);
        mapItems.push({ key, value });
        i = value.end;
      } else {
        const item = this.flowItem(i, depth);
        seqItems.push(item);
        i = item.end;
      }
      while (t.charCodeAt(i) === 32) i++;
      const c = t.charCodeAt(i);
      if (c === close) {
        i++;
        break;
      }
      if (c !== 44 /* , */) throw BAIL;
      i++;
      while (t.charCodeAt(i) === 32) i++;
      if (t.charCodeAt(i) === close) throw BAIL; // a trailing comma
    }
    return isMap ? { kind: 'map', items: mapItems, start: p, end: i, flow: true } : { kind: 'seq', items: seqItems, start: p, end: i, flow: true };
  }

  private flowItem(i: number, depth: number): YNode {
    const c = this.t.charCodeAt(i);
    return c === 91 || c === 123 ? this.flow(i, depth + 1) : this.flowScalar(i, false);
  }

  /** A scalar inside a flow collection; a key stops at its colon. */
  private flowScalar(p: number, isKey: boolean): YScalar {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 34) return this.doubleQuoted(p);
    if (c === 39) return this.singleQuoted(p);
    if (!isPlainStart(c, t.charCodeAt(p + 1)) || c === 44 || c === 93 || c === 125) throw BAIL;
    let i = p;
    for (;; i++) {
      const d = t.charCodeAt(i);
      if (i >= this.end || d === 10) throw BAIL; // flow running over lines
      if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
      if (d === 58) {
        if (isKey && t.charCodeAt(i + 1) === 32) break;
        throw BAIL; // "a:b" in flow, or an implicit pair in a sequence
      }
      if (d === 35 && t.charCodeAt(i - 1) === 32) throw BAIL;
    }
    let end = i;
    while (end > p && t.charCodeAt(end - 1) === 32) end--;
    if (end === p) throw BAIL;
    this.count();
    return { kind: 'scalar', value: plainValue(t.slice(p, end)), start: p, end, quoted: false };
  }
}

/**
 * True when a pair of `items` has the key `value` (yaml reports duplicate keys). Compared in a
 * loop: a rule file's mappings have a few keys each, and a Set per mapping cost more than the
 * comparisons; a long mapping (a key per product, say) gets a Set after all.
 */
function hasKey(items: readonly YPair[], value: ScalarValue): boolean {
  const n = items.length;
  if (n > 32) {
    let keys = longMapKeys.get(items);
    if (!keys) longMapKeys.set(items, (keys = new Set(items.map((p) => p.key.value))));
    if (keys.has(value)) return true;
    keys.add(value); // the caller adds the pair next (or bails)
    return false;
  }
  for (let i = 0; i < n; i++) if (items[i].key.value === value) return true;
  return false;
}
const longMapKeys = new WeakMap<readonly YPair[], Set<ScalarValue>>();

/** Plain scalars may not start with an indicator (and "-", "?", ":" only before a non-space). */
function isPlainStart(c: number, next: number): boolean {
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      void next;
      return false;
    default:
      return c > 32;
  }
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** yaml's core schema without exponent floats (see withoutExponentFloats in parse.ts). */
function plainValue(s: string): ScalarValue {
  const c = s.charCodeAt(0);
  // only strings that may be something else are tested
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INT.test(s)) return parseInt(s, 10);
    if (FLOAT.test(s)) return parseFloat(s);
    if (/^0[ox]/.test(s) || /^[-+]?\.(?:inf|Inf|INF)$/.test(s) || /^\.(?:nan|NaN|NAN)$/.test(s)) throw BAIL;
    return s;
  }
  switch (s) {
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
  }
  return s;
}
