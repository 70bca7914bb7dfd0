// A fast parser for the plain YAML that rule files are made of, producing the same YNode
// tree as `yaml` + fromYaml (same offsets, same scalar types), about twenty times faster.
// It exists for the first open of a large file; edits re-parse single units anyway.
//
// The subset: block mappings and sequences, plain and quoted one-line scalars, one-line flow
// sequences and mappings of those, comments and blank lines. On anything else, and on any
// doubt, it returns undefined and `yaml` parses the text, so every syntax error and warning
// still comes from `yaml`. Equivalence is property-tested (test/unit/fast-parse.test.ts).
//
// The parser writes a tape (see Tape): the nodes in document order as numbers, a scalar's
// value kept only when it is not its text. The YNode tree is read off it (TapeReader.node),
// and so is the plain data the schema validates (TapeReader.data), without scanning the text
// again: the first analysis of a large file validates the data and makes the tree only when
// something asks for it (see parse.ts).
//
// Offsets follow yaml's composer: a collection ends where its last value's node ends (after
// that line's comment and newline, and after comment lines indented deeper than the
// collection); comment lines that close a collection stay with the innermost collection
// unless all are indented less than it; an empty value sits after its colon and spaces.
import type { ScalarValue, YNode, YPair, YScalar } from './yamlTree';
import { keyColon } from './yamlKey';

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

/** The kinds of node on a tape (the low bits of a node's first number). */
export const SCALAR = 0;
export const MAP = 1;
export const SEQ = 2;
const KIND = 3;
/** A quoted scalar, or a flow collection. */
const FLAG = 4;
/** A scalar whose value is its text (inside its quotes when quoted): read off the text when asked for. */
const TEXT = 8;

/**
 * Parsed nodes as numbers, four per node in document order (a collection before its items, a
 * key before its value): kind (and FLAG, TEXT), start, end, and a scalar's index in `values`
 * (unless its value is its text) or a collection's count of items (of pairs for a mapping).
 * A 5,000-rule file is 210,000 nodes and 90,000 strings: as objects they cost a cold process
 * tens of ms to allocate and the collector as much again to copy; here they are one array and
 * offsets into the text.
 */
export class Tape {
  ints: Int32Array;
  /** Numbers used in `ints`. */
  len = 0;
  /** The values of the scalars that are not their text (numbers, booleans, null, escaped strings). */
  values: ScalarValue[] = [];
  /** The text parsed (one per tape). */
  text = '';
  constructor(capacity = 256) {
    this.ints = new Int32Array(capacity);
  }
  /** Appends a node; returns its position. */
  add(kind: number, start: number, end: number, last: number): number {
    const i = this.len;
    if (i + 4 > this.ints.length) {
      const bigger = new Int32Array(this.ints.length * 2 + 64);
      bigger.set(this.ints);
      this.ints = bigger;
    }
    const a = this.ints;
    a[i] = kind;
    a[i + 1] = start;
    a[i + 2] = end;
    a[i + 3] = last;
    this.len = i + 4;
    return i;
  }
  scalar(value: ScalarValue, start: number, end: number, quoted: boolean): number {
    const v = this.values.length;
    this.values.push(value);
    return this.add(quoted ? SCALAR | FLAG : SCALAR, start, end, v);
  }
  /** A scalar whose value is the text from start to end (inside the quotes when quoted). */
  textScalar(start: number, end: number, quoted: boolean): number {
    return this.add(quoted ? SCALAR | FLAG | TEXT : SCALAR | TEXT, start, end, 0);
  }
  kind(at: number): number {
    return this.ints[at] & KIND;
  }
  /** A collection's count of items (pairs). */
  count(at: number): number {
    return this.ints[at + 3];
  }
  /** A scalar's value. */
  value(at: number): ScalarValue {
    const a = this.ints;
    const k = a[at];
    if ((k & TEXT) === 0) return this.values[a[at + 3]];
    return (k & FLAG) !== 0 ? this.text.slice(a[at + 1] + 1, a[at + 2] - 1) : this.text.slice(a[at + 1], a[at + 2]);
  }
  /** The position after the node at `at` and everything inside it. */
  skip(at: number): number {
    const a = this.ints;
    let i = at;
    let pending = 1;
    while (pending > 0) {
      const k = a[i] & KIND;
      pending += k === SCALAR ? -1 : k === SEQ ? a[i + 3] - 1 : 2 * a[i + 3] - 1;
      i += 4;
    }
    return i;
  }
}

/** Reads a tape from a position on, node by node: as YNodes, or as plain data. */
export class TapeReader {
  private readonly a: Int32Array;
  private readonly values: ScalarValue[];
  private readonly text: string;
  constructor(
    tape: Tape,
    /** The next node to read. */
    public at: number,
  ) {
    this.a = tape.ints;
    this.values = tape.values;
    this.text = tape.text;
  }

  /** The value of the scalar at i (its first number k). */
  private value(i: number, k: number): ScalarValue {
    const a = this.a;
    if ((k & TEXT) === 0) return this.values[a[i + 3]];
    return (k & FLAG) !== 0 ? this.text.slice(a[i + 1] + 1, a[i + 2] - 1) : this.text.slice(a[i + 1], a[i + 2]);
  }

  /** The node at `at` (and inside it), as today's fast parser made it. */
  node(): YNode {
    const a = this.a;
    const i = this.at;
    this.at = i + 4;
    const k = a[i];
    if ((k & KIND) === SCALAR) return { kind: 'scalar', value: this.value(i, k), start: a[i + 1], end: a[i + 2], quoted: (k & FLAG) !== 0 };
    const n = a[i + 3];
    if ((k & KIND) === SEQ) return { kind: 'seq', items: list(n, this, readNode), start: a[i + 1], end: a[i + 2], flow: (k & FLAG) !== 0 };
    return { kind: 'map', items: list(n, this, readPair), start: a[i + 1], end: a[i + 2], flow: (k & FLAG) !== 0 };
  }

  /** The plain data of the node at `at`: what toData makes of its YNode. */
  data(): unknown {
    const a = this.a;
    const i = this.at;
    this.at = i + 4;
    const k = a[i];
    if ((k & KIND) === SCALAR) return this.value(i, k);
    const n = a[i + 3];
    if ((k & KIND) === SEQ) return list(n, this, readData);
    const o: Record<string, unknown> = {};
    for (let j = 0; j < n; j++) {
      const kv = this.value(this.at, a[this.at]);
      this.at += 4;
      const key = typeof kv === 'string' ? kv : String(kv);
      // as toData: `__proto__` is an own key, not the prototype
      if (key === '__proto__') Object.defineProperty(o, key, { value: this.data(), enumerable: true, writable: true, configurable: true });
      else o[key] = this.data();
    }
    return o;
  }
}

// what `list` reads n times, in order (functions of the module: a reader is made per unit)
const readNode = (r: TapeReader): YNode => r.node();
const readPair = (r: TapeReader): YPair => ({ key: r.node() as YScalar, value: r.node() });
const readData = (r: TapeReader): unknown => r.data();

/**
 * The next n items `r` reads, as an array of that size. One grown by push keeps room for 17 or
 * more: the tree of a 5,000-rule file, nearly all lists of one to six, kept 4.6 MB of room it
 * never used (of 23 MB), which the collector copied as the tree was made. Literals, not
 * `new Array(n)`: those are holey, and code reading both kinds of list would slow down.
 */
function list<T>(n: number, r: TapeReader, read: (r: TapeReader) => T): T[] {
  switch (n) {
    case 0:
      return [];
    case 1:
      return [read(r)];
    case 2:
      return [read(r), read(r)];
    case 3:
      return [read(r), read(r), read(r)];
    case 4:
      return [read(r), read(r), read(r), read(r)];
    case 5:
      return [read(r), read(r), read(r), read(r), read(r)];
    case 6:
      return [read(r), read(r), read(r), read(r), read(r), read(r)];
    case 7:
      return [read(r), read(r), read(r), read(r), read(r), read(r), read(r)];
    case 8:
      return [read(r), read(r), read(r), read(r), read(r), read(r), read(r), read(r)];
  }
  const out: T[] = [];
  for (let j = 0; j < n; j++) out.push(read(r));
  return out;
}

export function fastParse(text: string): YNode | undefined {
  return fastParseRange(text, 0, text.length);
}

/** True when the text has none of the characters outside the subset (tested once for a whole text). */
export function withinSubset(text: string): boolean {
  return !OUTSIDE.test(text);
}

/** The tape of fastParseRange, used again for each unit an edit re-parses. */
const scratch = new Tape();

/**
 * Parses `text.slice(start, end)` where it stands, with the offsets of `text` (a unit of a rule
 * file: no copy of its text for the parser and no walk to move its tree). `end` is the text's
 * end or just past a line break. `checked`: the caller found the whole text within the subset.
 */
export function fastParseRange(text: string, start: number, end: number, checked = false): YNode | undefined {
  scratch.len = 0;
  scratch.values.length = 0;
  scratch.text = text;
  const at = fastParseOnto(scratch, text, start, end, checked);
  const node = at === -1 ? undefined : new TapeReader(scratch, at).node();
  scratch.values.length = 0;
  scratch.text = '';
  return node;
}

/**
 * Parses `text.slice(start, end)` as fastParseRange does, onto `tape`; returns the position of
 * its root node, or -1 (the tape as it was) when the text is outside the subset.
 */
export function fastParseOnto(tape: Tape, text: string, start: number, end: number, checked = false): number {
  if (!checked && OUTSIDE.test(start === 0 && end === text.length ? text : text.slice(start, end))) return -1;
  const len = tape.len;
  const values = tape.values.length;
  tape.text = text;
  try {
    return new FastParser(tape, text, start, end).document();
  } catch (err) {
    if (err !== BAIL) throw err;
    tape.len = len;
    tape.values.length = values;
    return -1;
  }
}

class FastParser {
  private nodes = 0;
  /** The keys (tape positions) of the mappings being read, innermost last, up to `keysTop` (yaml reports duplicate keys). */
  private readonly keys: number[] = [];
  private keysTop = 0;
  /** The keys of a long mapping being read, by where its keys start in `keys`. */
  private readonly longKeys = new Map<number, Set<ScalarValue>>();

  // What follows the last value read (set by trailerFrom; no object per line): the comment
  // lines (indent, end after the newline), then the next content line, if any.
  private comments: Comments = NO_COMMENTS;
  /** The next content line: its start, its first non-space character (-1: none), its indentation. */
  private nextStart = 0;
  private nextContent = -1;
  private nextIndent = 0;
  /** Comments the collection just closed passed up to its parent (set by close). */
  private passed: Comments = NO_COMMENTS;

  constructor(
    private readonly tape: Tape,
    private readonly t: string,
    private readonly start: number,
    /** Where the parsed range ends: the parser reads nothing at or past it. */
    private readonly end: number,
  ) {}

  /** Parses the range; returns the position of its root node. */
  document(): number {
    this.trailerFrom(this.start);
    const first = this.nextContent;
    if (first === -1) throw BAIL; // empty or only comments: yaml's null document
    const c = this.t.charCodeAt(first);
    if (this.t.startsWith('---', this.nextStart) || this.t.startsWith('...', this.nextStart) || c === 37 /* % */) throw BAIL;
    const at = this.tape.len;
    if (this.isSeqItem(first)) this.blockSeq(this.nextIndent, first, 0);
    else this.blockMap(this.nextIndent, first, 0);
    if (this.nextContent !== -1) throw BAIL; // content outdented below the top collection
    return at;
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

  /** Skips blank and comment lines from line start p, noting the comments and the next content line. */
  private trailerFrom(p: number): void {
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
      this.comments = comments ?? NO_COMMENTS;
      this.nextStart = p;
      this.nextContent = q;
      this.nextIndent = q - p;
      return;
    }
    this.comments = comments ?? NO_COMMENTS;
    this.nextContent = -1;
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

  /**
   * True when the mapping whose keys start at `keys[from]` already has the key just read (the
   * last node on the tape), which then becomes one of its keys. Compared in a loop: a rule
   * file's mappings have a few keys each; a long mapping (a key per product, say) gets a Set.
   */
  private repeats(from: number): boolean {
    const keys = this.keys;
    const n = this.keysTop;
    const at = this.tape.len - 4;
    if (n - from > 32) {
      let set = this.longKeys.get(from);
      if (!set) this.longKeys.set(from, (set = new Set(keys.slice(from, n).map((k) => this.tape.value(k)))));
      const value = this.tape.value(at);
      if (set.has(value)) return true;
      set.add(value);
    } else for (let i = from; i < n; i++) if (this.sameKey(keys[i], at)) return true;
    keys[this.keysTop++] = at;
    return false;
  }

  /** True when the scalars at tape positions a and b have the same value (texts compared where they stand). */
  private sameKey(a: number, b: number): boolean {
    const ints = this.tape.ints;
    const ka = ints[a];
    const kb = ints[b];
    if ((ka & kb & TEXT) === 0) return this.tape.value(a) === this.tape.value(b);
    const sa = ints[a + 1] + ((ka & FLAG) !== 0 ? 1 : 0);
    const sb = ints[b + 1] + ((kb & FLAG) !== 0 ? 1 : 0);
    const n = ints[a + 2] - ((ka & FLAG) !== 0 ? 1 : 0) - sa;
    if (ints[b + 2] - ((kb & FLAG) !== 0 ? 1 : 0) - sb !== n) return false;
    const t = this.t;
    for (let i = 0; i < n; i++) if (t.charCodeAt(sa + i) !== t.charCodeAt(sb + i)) return false;
    return true;
  }

  /** Forgets the keys of the mapping whose keys start at `from` (it is read). */
  private endKeys(from: number): void {
    if (this.keysTop - from > 32) this.longKeys.delete(from);
    this.keysTop = from;
  }

  // ---- block collections (each returns its node end, yaml's range[2], which a parent's end is taken from)

  /** A block mapping whose keys stand at column `indent`, the first at offset `p`. */
  private blockMap(indent: number, p: number, depth: number): number {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const tape = this.tape;
    const at = tape.add(MAP, p, p, 0);
    const keysFrom = this.keysTop;
    let pairs = 0;
    for (;;) {
      const keyEnd = this.blockKey(p);
      if (this.repeats(keysFrom)) throw BAIL; // yaml reports duplicate keys
      pairs++;
      // after "key:" (the colon is at the key's end, or after a closing quote)
      let q = keyEnd + 1;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      let nodeEnd: number;
      let passed: Comments = NO_COMMENTS;
      let inline = false;
      if (q >= this.end || c === 10 || c === 35) {
        // nothing on the line: a nested block collection, or an empty value
        if (c === 35 && t.charCodeAt(q - 1) !== 32) throw BAIL;
        this.trailerFrom(this.afterLine(q));
        const next = this.nextContent;
        if (next !== -1 && this.nextIndent > indent) {
          nodeEnd = this.isSeqItem(next) ? this.blockSeq(this.nextIndent, next, depth + 1) : this.blockMap(this.nextIndent, next, depth + 1);
          passed = this.passed;
        } else {
          if (next !== -1 && this.nextIndent === indent && this.isSeqItem(next)) throw BAIL; // a sequence at the key's indent
          // an empty value: after the colon and its spaces; a comment near it would move its end
          if (c === 35 || (this.comments.length > 0 && (next === -1 || this.nextIndent < indent))) throw BAIL;
          this.count();
          tape.scalar(null, q, q, false);
          nodeEnd = q;
        }
      } else {
        nodeEnd = this.endOfValueLine(this.inlineValue(q, depth));
        this.trailerFrom(nodeEnd);
        inline = true;
      }
      const next = this.nextContent;
      if (next !== -1 && this.nextIndent === indent) {
        if (this.isSeqItem(next)) throw BAIL;
        p = next;
        continue;
      }
      if (next !== -1 && this.nextIndent > indent) throw BAIL; // a continuation line or bad indentation
      this.endKeys(keysFrom);
      tape.ints[at + 3] = pairs;
      return this.close(at, indent, inline ? this.comments : passed, inline, nodeEnd);
    }
  }

  /** A block sequence whose dashes stand at column `indent`, the first at offset `first`. */
  private blockSeq(indent: number, first: number, depth: number): number {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const at = this.tape.add(SEQ, first, first, 0);
    let items = 0;
    let p = first;
    for (;;) {
      let q = p + 1;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      if (q >= this.end || c === 10 || c === 35 || q === p + 1) throw BAIL; // empty item or "-x"
      let nodeEnd: number;
      let passed: Comments = NO_COMMENTS;
      let inline = false;
      if (this.isSeqItem(q)) throw BAIL; // "- - x"
      items++;
      if (this.looksLikeKey(q)) {
        nodeEnd = this.blockMap(q - this.lineStartOf(q), q, depth + 1);
        passed = this.passed;
      } else {
        nodeEnd = this.endOfValueLine(this.inlineValue(q, depth));
        this.trailerFrom(nodeEnd);
        inline = true;
      }
      const next = this.nextContent;
      if (next !== -1 && this.nextIndent === indent) {
        if (!this.isSeqItem(next)) throw BAIL;
        p = next;
        continue;
      }
      if (next !== -1 && this.nextIndent > indent) throw BAIL;
      this.tape.ints[at + 3] = items;
      return this.close(at, indent, inline ? this.comments : passed, inline, nodeEnd);
    }
  }

  /**
   * Ends the collection at tape position `at` (yaml's pop): after an inline last value, comment
   * lines indented deeper than the collection extend that value's end; the remaining comments
   * stay with this collection (its node end) unless every one is indented less than it, when
   * they pass up (in `passed`). Returns the node end.
   */
  private close(at: number, indent: number, comments: Comments, inline: boolean, lastEnd: number): number {
    let i = 0;
    if (inline) while (i < comments.length && comments[i].indent > indent) lastEnd = comments[i++].end;
    const rest = i === 0 ? comments : comments.slice(i);
    this.tape.ints[at + 2] = lastEnd;
    this.passed = NO_COMMENTS;
    if (rest.length === 0) return lastEnd;
    if (indent === 0 || rest.every((c) => c.indent < indent)) {
      this.passed = rest;
      return lastEnd;
    }
    // they stay: the node ends where the next content starts (its indentation included)
    return this.nextContent !== -1 ? this.nextContent : this.end;
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

  /**
   * The key of a block mapping entry at p (yamlKey.ts says what a key is), onto the tape;
   * returns its end, the colon's offset.
   */
  private blockKey(p: number): number {
    const t = this.t;
    const colon = keyColon(t, p, this.lineEnd(p));
    // the subset: the colon right after the key, then a space or the line's end; yaml reads the
    // other forms (and gives their ranges)
    if (colon === -1) throw BAIL;
    const b = t.charCodeAt(colon - 1);
    if (b === 32 || b === 9) throw BAIL;
    const n = t.charCodeAt(colon + 1);
    if (!(colon + 1 >= this.end || n === 32 || n === 10)) throw BAIL;
    const c = t.charCodeAt(p);
    if (c === 34) return this.doubleQuoted(p);
    if (c === 39) return this.singleQuoted(p);
    this.count();
    this.plain(p, colon);
    return colon;
  }

  /** A value that starts on the line at q: a quoted or plain scalar, or a flow collection. Returns its end. */
  private inlineValue(q: number, depth: number): number {
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

  // ---- scalars (each onto the tape; each returns its end)

  private plainBlock(p: number): number {
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
    this.plain(p, end);
    return end;
  }

  private singleQuoted(p: number): number {
    const t = this.t;
    const e = this.lineEnd(p);
    let i = p + 1;
    let value = '';
    let from = i;
    let doubled = false;
    for (;;) {
      const j = t.indexOf("'", i);
      if (j === -1 || j >= e) throw BAIL; // unclosed, or running over lines
      if (t.charCodeAt(j + 1) === 39) {
        value += t.slice(from, j + 1);
        i = from = j + 2;
        doubled = true;
        continue;
      }
      if (doubled) value += t.slice(from, j);
      i = j + 1;
      break;
    }
    this.count();
    if (doubled) this.tape.scalar(value, p, i, true);
    else this.tape.textScalar(p, i, true);
    return i;
  }

  private doubleQuoted(p: number): number {
    const t = this.t;
    const e = this.lineEnd(p);
    let value = '';
    let from = p + 1;
    let i = p + 1;
    let escaped = false;
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
        escaped = true;
        continue;
      }
      i++;
    }
    this.count();
    if (escaped) this.tape.scalar(value + t.slice(from, i), p, i + 1, true);
    else this.tape.textScalar(p, i + 1, true);
    return i + 1;
  }

  /** The plain scalar from p to end onto the tape: its text, or what yaml's core schema makes of it. */
  private plain(p: number, end: number): void {
    const t = this.t;
    const c = t.charCodeAt(p);
    const n = end - p;
    // only texts that may be something else are looked at (never copied for that)
    if (isDigit(c) || c === 43 || c === 45 || c === 46 || n === 1 || n === 4 || n === 5) {
      const typed = plainTyped(t, p, end);
      if (typed !== TEXT_VALUE) {
        this.tape.scalar(typed, p, end, false);
        return;
      }
    }
    this.tape.textScalar(p, end, false);
  }

  // ---- flow collections (on one line)

  private flow(p: number, depth: number): number {
    if (depth > MAX_DEPTH) throw BAIL;
    this.count();
    const t = this.t;
    const tape = this.tape;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const at = tape.add((isMap ? MAP : SEQ) | FLAG, p, p, 0);
    const keysFrom = this.keysTop;
    let items = 0;
    let i = p + 1;
    for (;;) {
      while (t.charCodeAt(i) === 32) i++;
      if (t.charCodeAt(i) === close && items === 0) {
        i++;
        break;
      }
      if (isMap) {
        i = this.flowScalar(i, true);
        if (this.repeats(keysFrom)) throw BAIL;
        if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== 32) throw BAIL;
        i += 2;
        while (t.charCodeAt(i) === 32) i++;
        i = this.flowItem(i, depth);
      } else i = this.flowItem(i, depth);
      items++;
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
    this.endKeys(keysFrom);
    tape.ints[at + 2] = i;
    tape.ints[at + 3] = items;
    return i;
  }

  private flowItem(i: number, depth: number): number {
    const c = this.t.charCodeAt(i);
    return c === 91 || c === 123 ? this.flow(i, depth + 1) : this.flowScalar(i, false);
  }

  /** A scalar inside a flow collection; a key stops at its colon. */
  private flowScalar(p: number, isKey: boolean): number {
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
    this.plain(p, end);
    return end;
  }
}

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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What plainTyped says of a plain scalar that is a string: its value is its text. */
const TEXT_VALUE = Symbol('text');

/**
 * The value of the plain scalar `t.slice(p, end)` in yaml's core schema without exponent floats
 * (see withoutExponentFloats in parse.ts), or TEXT_VALUE when it is that text. Read where it
 * stands, character by character: every ECCN starts with a digit, and a copy (or a regular
 * expression) for each costs a cold process milliseconds.
 */
function plainTyped(t: string, p: number, end: number): ScalarValue | typeof TEXT_VALUE {
  const c = t.charCodeAt(p);
  const n = end - p;
  if (isDigit(c) || c === 43 || c === 45 || c === 46) {
    const from = c === 43 || c === 45 ? p + 1 : p;
    let d = from;
    while (d < end && isDigit(t.charCodeAt(d))) d++;
    // [-+]?[0-9]+: an integer
    if (d === end && d > from) return parseInt(t.slice(p, end), 10);
    // [-+]?(\.[0-9]+|[0-9]+\.[0-9]*): a float
    if (d < end && t.charCodeAt(d) === 46) {
      let f = d + 1;
      while (f < end && isDigit(t.charCodeAt(f))) f++;
      if (f === end && (d > from || f > d + 1)) return parseFloat(t.slice(p, end));
    }
    // 0o17, 0x1F, .inf, .nan: yaml reads these
    if (c === 48 && n > 1 && (t.charCodeAt(p + 1) === 111 || t.charCodeAt(p + 1) === 120)) throw BAIL;
    if (end - from === 4 && t.charCodeAt(from) === 46) {
      if (t.startsWith('inf', from + 1) || t.startsWith('Inf', from + 1) || t.startsWith('INF', from + 1)) throw BAIL;
      if (from === p && (t.startsWith('nan', p + 1) || t.startsWith('NaN', p + 1) || t.startsWith('NAN', p + 1))) throw BAIL;
    }
    return TEXT_VALUE;
  }
  if (n === 4) {
    if (t.startsWith('true', p) || t.startsWith('True', p) || t.startsWith('TRUE', p)) return true;
    if (t.startsWith('null', p) || t.startsWith('Null', p) || t.startsWith('NULL', p)) return null;
  } else if (n === 5) {
    if (t.startsWith('false', p) || t.startsWith('False', p) || t.startsWith('FALSE', p)) return false;
  } else if (n === 1 && c === 126 /* ~ */) return null;
  return TEXT_VALUE;
}
