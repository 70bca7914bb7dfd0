// Parsing a rule file into a YNode tree, one top-level entry at a time.
//
// The `yaml` parser needs about a second per megabyte here, so a large file is not re-parsed
// whole on every keystroke: the text is split into units (each top-level key, and each item
// of `rules`, `products`, `tests` and `regimes`), each unit is parsed on its own and cached
// by its text, and an edit re-parses only the units it touched. Anything the splitter is not
// sure about (anchors, tags, tabs, several documents, flow or odd indentation at the top) is
// parsed whole, so the result is always what `yaml` itself would say.
//
// The first analysis of a file (nothing cached) parses every unit onto one tape (fastParse.ts)
// and, when every unit is in the fast parser's subset and the units simply join up, hands the
// schema the tape's plain data and makes the tree only when something asks for it: the first
// diagnostics of a large file do not wait for 200,000 objects. The text is scanned once
// either way: a tree made later is read off the tape.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Tags } from 'yaml';
import type { DiagnosticCode } from './diagnosticCodes';
import { fastParseOnto, fastParseRange, MAP, SCALAR, SEQ, Tape, TapeReader, withinSubset } from './fastParse';
import { work } from './work';
import { scanKey } from './yamlKey';
import { fromYaml, type YMap, type YNode, type YPair, type YScalar, type YSeq, TreeLimitError } from './yamlTree';
import type { Problem } from './types';

const SECTION_KEYS = ['regimes', 'products', 'rules', 'tests'] as const;
type SectionKey = (typeof SECTION_KEYS)[number];

/** Bounds that keep hostile input (alias bombs, deep nesting) from hanging the server. */
export const PARSE_LIMITS = { maxAliasCount: 100, maxDepth: 200, maxNodes: 2_000_000 };

export interface ParsedRuleText {
  /** The document's root: a mapping for a well-formed rule file. */
  root: YNode | null;
  problems: Problem[];
  /** How the text was parsed: per unit (fast incremental path) or whole. */
  mode: 'units' | 'whole';
  unitCount: number;
}

interface UnitResult {
  node: YNode | null; // offsets in the document, the unit starting at `base`
  problems: Problem[];
  base: number;
}

/**
 * Per-unit results keyed by unit text; shared across versions of a document. A unit that did
 * not move is re-used as it is (the same objects). One that moved is moved in place when this
 * is its first use in the new version (the old version is dropped as the new one is made; see
 * RuleWorkspace), and copied when the same text stands twice in one version.
 */
export class UnitCache {
  private map = new Map<string, UnitResult>();
  private next = new Map<string, UnitResult>();
  /** What the cache waits for, run before it is read: the last version's tree made off its tape, or that tree's units put in the cache. */
  private pending: (() => void) | undefined;
  /** The last version's units are not in the cache yet: `make` puts them there (or makes what will) before the cache is read. */
  defer(make: () => void): void {
    this.pending = make;
  }
  private settle(): void {
    // (making the tree defers the cache's filling in turn)
    for (let make = this.pending; make; make = this.pending) {
      this.pending = undefined;
      make();
    }
  }
  get(text: string): UnitResult | undefined {
    this.settle();
    const hit = this.map.get(text) ?? this.next.get(text);
    if (hit) this.next.set(text, hit);
    return hit;
  }
  /** A result of the previous version not yet used in this one: it may be moved in place. */
  takeFromPrevious(text: string): UnitResult | undefined {
    this.settle();
    if (this.next.has(text)) return undefined;
    const hit = this.map.get(text);
    if (hit) {
      this.map.delete(text);
      this.next.set(text, hit);
    }
    return hit;
  }
  set(text: string, r: UnitResult): void {
    this.next.set(text, r);
  }
  /** Keeps only what the last parse used, so the cache never outgrows the document. */
  endVersion(): void {
    this.map = this.next;
    this.next = new Map();
  }
  get size(): number {
    this.settle();
    return this.map.size;
  }
}

/** Characters handed to a parser (the fast one or yaml): tests count them, to see a text scanned once. */
export const scanStats = { chars: 0 };

/** Anchors, aliases and tags: an & * ! after a space or bracket, before a character. */
const NODE_PROPERTY = /[&*!]/g;

interface RawUnit {
  start: number;
  end: number;
  /** For items of a section: which section, and the item's position. */
  section?: SectionKey;
}

/**
 * Parses a rule file, re-using what `cache` holds of an earlier version. `tape: false` parses a
 * first analysis as an edit is parsed, tree first (tests compare the two).
 */
export function parseRuleText(text: string, cache?: UnitCache, { tape = true }: { tape?: boolean } = {}): ParsedRuleText {
  // one look for unusual characters answers the splitter (no odd indentation) and the fast
  // parser (the text is within its characters) in the usual case: a pass less over the text
  const usual = !UNUSUAL.test(text);
  const units = splitUnits(text, usual);
  const checked = units ? usual || withinSubset(text) : false;
  // a first analysis: the cache knows nothing of this text (not even its first unit)
  if (tape && units && !(cache && (cache.size > 0 || cache.get(text.slice(units[0].start, units[0].end))))) return parseOnTape(text, units, checked, cache);
  const result = units ? parseUnits(text, units, cache, (u) => parseUnitAt(text, u.start, u.end, checked)) : undefined;
  cache?.endVersion();
  return result ?? parseWhole(text);
}

/**
 * A file parsed onto a tape whose tree is not made yet: what the schema needs of it without
 * the tree (see validateUnbuilt), the tree itself made when first asked for.
 */
export interface UnbuiltFile {
  /** The top-level keys in order, each with its value's kind and data. */
  keys: readonly UnbuiltKey[];
  /** The tree (made now if need be: a finding about the header is located in it). */
  root(): YNode | null;
  /** Calls `fn` with the tree when it is made. */
  whenBuilt(fn: (root: YNode | null) => void): void;
}

interface UnbuiltKey {
  name: string;
  kind: YNode['kind'];
  /** The value's plain data (toData of its node). */
  data(): unknown;
  /** The items of a collection value (a section's entries), each readable on its own. */
  entries: UnbuiltEntries | undefined;
}

interface UnbuiltEntries {
  count: number;
  data(i: number): unknown;
  /** The item's key, in a mapping (String of its value). */
  keyName(i: number): string;
  /** The item's node and, in a mapping, its key: made now, for an entry with findings. */
  node(i: number): { node: YNode; key?: YScalar };
}

/** The unbuilt file behind a parse result, while its tree is not made. */
const unbuilt = new WeakMap<ParsedRuleText, UnbuiltFile>();

export function unbuiltFile(parsed: ParsedRuleText): UnbuiltFile | undefined {
  return unbuilt.get(parsed);
}

/**
 * The first analysis of a text: every unit parsed onto one tape. When every unit is in the
 * subset and the units join up simply (no duplicate keys, sections of one shape), the tree is
 * made from the tape when first asked for; otherwise at once, from the tape for the units in
 * the subset and by yaml for the others, as parseUnits joins them today.
 */
function parseOnTape(text: string, units: RawUnit[], checked: boolean, cache?: UnitCache): ParsedRuleText {
  // about 0.6 numbers per character in rule files: room for them without growing
  const tape = new Tape(Math.ceil(text.length * 0.7) + 64);
  const roots = new Int32Array(units.length);
  let all = true;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    scanStats.chars += u.end - u.start;
    const at = fastParseOnto(tape, text, u.start, u.end, checked);
    roots[i] = at;
    if (at === -1) all = false;
  }
  const unit = unitsOnTape(text, tape, roots);
  const keys = all ? topKeys(tape, roots, units) : undefined;
  if (!keys) {
    const result = parseUnits(text, units, cache, unit);
    cache?.endVersion();
    return result ?? parseWhole(text);
  }
  let root: YNode | null | undefined;
  // what the tree is made from, dropped once it is made (the tape is the size of the text)
  let from: { units: RawUnit[]; unit: typeof unit; built: ((root: YNode | null) => void)[] } | undefined = { units, unit, built: [] };
  const make = (): YNode | null => {
    if (root !== undefined || !from) return root ?? null;
    const { units: us, unit: parse, built } = from;
    from = undefined;
    unbuilt.delete(parsed);
    // the cache is filled when it is next read (the next edit), not now: keying it slices
    // and hashes every unit's text, time the first full diagnostics would wait for
    const made: UnitResult[] = [];
    root = parseUnits(text, us, undefined, (u, i) => (made[i] = parse(u, i)))?.root ?? null;
    cache?.defer(() => {
      for (let i = 0; i < us.length; i++) if (made[i]) cache.set(text.slice(us[i].start, us[i].end), made[i]);
      cache.endVersion();
    });
    for (const fn of built) fn(root);
    return root;
  };
  cache?.defer(make);
  const parsed: ParsedRuleText = {
    get root(): YNode | null {
      return make();
    },
    problems: [],
    mode: 'units',
    unitCount: units.length,
  };
  unbuilt.set(parsed, { keys, root: make, whenBuilt: (fn) => (from ? from.built.push(fn) : fn(make())) });
  return parsed;
}

/**
 * A unit's tree: off the tape, or (outside the subset) yaml's. (A function of its own: the
 * tape is held by what it returns alone, and let go with it once the tree is made.)
 */
function unitsOnTape(text: string, tape: Tape, roots: Int32Array): (u: RawUnit, i: number) => UnitResult {
  return (u, i) => (roots[i] === -1 ? parseUnitWithYamlAt(text, u.start, u.end) : { node: new TapeReader(tape, roots[i]).node(), problems: [], base: u.start });
}

/**
 * The top-level keys of the file the units make, as parseUnits would join them; undefined
 * when it would have more to say (a duplicate key, a unit of another shape than its section).
 */
function topKeys(tape: Tape, roots: Int32Array, units: RawUnit[]): UnbuiltKey[] | undefined {
  const keys: UnbuiltKey[] = [];
  const seen = new Set<string>();
  const sections = new Map<SectionKey, { kind: number; at: number[] }>();
  const mapKeys = new Map<SectionKey, Set<unknown>>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const r = roots[i];
    const kind = tape.kind(r);
    if (u.section) {
      const coll = sections.get(u.section);
      if (!coll) continue;
      if (kind !== coll.kind) return undefined;
      if (kind === MAP) {
        let names = mapKeys.get(u.section);
        if (!names) mapKeys.set(u.section, (names = new Set()));
        for (let j = 0, n = tape.count(r), at = r + 4; j < n; j++, at = j < n ? tape.skip(at + 4) : at) {
          const name = tape.value(at);
          if (names.has(name)) return undefined;
          names.add(name);
        }
      }
      coll.at.push(r);
      continue;
    }
    if (kind !== MAP) return undefined;
    for (let j = 0, at = r + 4; j < tape.count(r); j++) {
      const name = String(tape.value(at));
      const value = at + 4;
      at = tape.skip(value);
      if (seen.has(name)) return undefined;
      seen.add(name);
      if ((SECTION_KEYS as readonly string[]).includes(name) && tape.kind(value) === SCALAR && tape.value(value) === null && units[i + 1]?.section === name) {
        // the key line of a split section: its items are the units that follow
        const coll = { kind: name === 'regimes' ? MAP : SEQ, at: [] as number[] };
        sections.set(name as SectionKey, coll);
        keys.push(sectionKey(tape, name, coll.kind, coll.at));
        continue;
      }
      const kind = tape.kind(value);
      keys.push({
        name,
        kind: kind === MAP ? 'map' : kind === SEQ ? 'seq' : 'scalar',
        data: () => new TapeReader(tape, value).data(),
        entries: kind === SCALAR ? undefined : itemsOf(tape, kind, [value]),
      });
    }
  }
  return keys;
}

/** A split section: its items are those of the collections at `colls` (filled as the units are read). */
function sectionKey(tape: Tape, name: string, kind: number, colls: number[]): UnbuiltKey {
  let entries: UnbuiltEntries | undefined;
  return {
    name,
    kind: kind === MAP ? 'map' : 'seq',
    data() {
      const at = (entries ??= itemsOf(tape, kind, colls));
      const out: unknown[] = [];
      for (let i = 0; i < at.count; i++) out.push(at.data(i));
      if (kind === SEQ) return out;
      const o: Record<string, unknown> = {};
      for (let i = 0; i < at.count; i++) {
        const k = at.keyName(i);
        if (k === '__proto__') Object.defineProperty(o, k, { value: out[i], enumerable: true, writable: true, configurable: true });
        else o[k] = out[i];
      }
      return o;
    },
    get entries() {
      return (entries ??= itemsOf(tape, kind, colls));
    },
  };
}

/** The items of the collections at `colls` (of kind `kind`) on the tape, as one list. */
function itemsOf(tape: Tape, kind: number, colls: readonly number[]): UnbuiltEntries {
  const at: number[] = [];
  for (const c of colls) {
    const n = tape.count(c);
    // (a section's unit holds one item, usually: no walk past the last one)
    for (let j = 0, p = c + 4; j < n; j++) {
      at.push(p);
      if (j + 1 < n) p = tape.skip(kind === MAP ? p + 4 : p);
    }
  }
  const value = (i: number) => (kind === MAP ? at[i] + 4 : at[i]);
  return {
    count: at.length,
    data: (i) => new TapeReader(tape, value(i)).data(),
    keyName: (i) => String(tape.value(at[i])),
    node: (i) => {
      const r = new TapeReader(tape, at[i]);
      if (kind !== MAP) return { node: r.node() };
      const key = r.node() as YScalar;
      return { node: r.node(), key };
    },
  };
}

/** Indentation that is not spaces only (a tab, an odd space) before the first character of a line. */
const ODD_INDENT = /^ *[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/m;
/** Every character of ODD_INDENT's odd spaces and of the fast parser's OUTSIDE: rule files rarely hold one. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** A directive or a document marker at the start of a line. */
const DIRECTIVE = /^(?:%|---|\.\.\.)/m;
/** The start of each line with content at column 0 (not blank, not a comment). */
const TOP_LINE = /^[^ \n#]/gm;
/** The start of each content line (not blank, not a comment), with its indentation. */
const CONTENT_LINE = /^( *)[^ \n#]/gm;
/** Content lines indented no deeper than a section's items, by their indentation. */
const SHALLOW_LINES = new Map<number, RegExp>();

/**
 * Splits the text into units, or returns undefined when it must be parsed whole. The lines
 * that decide (those at column 0, and those at a section's item indentation) are found by
 * regular expressions rather than a loop over every line: a 5,000-rule file has 45,000 lines,
 * and a few thousand of them start a unit.
 */
export function splitUnits(text: string, usual = false): RawUnit[] | undefined {
  if (risky(text)) return undefined;
  // indentation is spaces only; anything else (tabs, odd spaces) is yaml's to judge, as are
  // directives and document markers (`usual`: the caller found none of the odd characters)
  if ((!usual && ODD_INDENT.test(text)) || DIRECTIVE.test(text)) return undefined;
  const lineEnd = (p: number) => {
    const i = text.indexOf('\n', p);
    return i === -1 ? text.length : i;
  };
  const isItem = (p: number) => text.charCodeAt(p) === 45 && (p + 1 >= text.length || text.charCodeAt(p + 1) === 32 || text.charCodeAt(p + 1) === 10);

  // top-level key lines
  const tops: number[] = [];
  TOP_LINE.lastIndex = 0;
  for (let m = TOP_LINE.exec(text); m; m = TOP_LINE.exec(text)) {
    if (!scanKey(text, m.index)) return undefined;
    tops.push(m.index);
  }
  if (tops.length === 0) return undefined;
  const units: RawUnit[] = [];
  for (let t = 0; t < tops.length; t++) {
    // anything before the first key (comments) belongs to the first unit
    const start = t === 0 ? 0 : tops[t];
    const end = t + 1 < tops.length ? tops[t + 1] : text.length;
    const keyLineEnd = lineEnd(tops[t]);
    const keyLine = text.slice(tops[t], keyLineEnd);
    const k = scanKey(keyLine, 0)!;
    const key = k.name;
    const rest = keyLine.slice(k.colon + 1).trim();
    const section = (SECTION_KEYS as readonly string[]).includes(key) ? (key as SectionKey) : undefined;
    if (!section || (rest !== '' && !rest.startsWith('#'))) {
      units.push({ start, end });
      continue;
    }
    // a block collection: one unit for the key line, one per item
    CONTENT_LINE.lastIndex = keyLineEnd;
    const first = CONTENT_LINE.exec(text);
    if (!first || first.index >= end) {
      units.push({ start, end });
      continue;
    }
    const itemIndent = first[1].length;
    const isSeq = isItem(first.index + itemIndent);
    // every content line as shallow as the items starts one (none is shallower: the next
    // line at column 0 ends the section)
    let shallow = SHALLOW_LINES.get(itemIndent);
    if (!shallow) SHALLOW_LINES.set(itemIndent, (shallow = new RegExp(`^ {0,${itemIndent}}[^ \\n#]`, 'gm')));
    shallow.lastIndex = first.index;
    const itemStarts: number[] = [];
    for (let m = shallow.exec(text); m && m.index < end; m = shallow.exec(text)) {
      const p = m.index + m[0].length - 1;
      if (p - m.index < itemIndent) return undefined;
      if (isSeq ? !isItem(p) : !scanKey(text, p)) return undefined;
      itemStarts.push(m.index);
    }
    units.push({ start, end: itemStarts[0] });
    for (let i = 0; i < itemStarts.length; i++) units.push({ start: itemStarts[i], end: i + 1 < itemStarts.length ? itemStarts[i + 1] : end, section });
  }
  return units;
}

/** Text the splitter leaves whole: anchors, aliases, tags, CR or odd line breaks, a BOM. */
function risky(text: string): boolean {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\r') || text.includes('\u2028') || text.includes('\u2029')) return true;
  NODE_PROPERTY.lastIndex = 0;
  for (let m = NODE_PROPERTY.exec(text); m; m = NODE_PROPERTY.exec(text)) {
    const i = m.index;
    const before = i === 0 ? 32 : text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    // as a node property it follows a space or bracket and comes before a name (or, to be safe, any non-ASCII)
    const opens = before <= 32 || before === 44 || before === 91 || before === 123 || before >= 128;
    const named = i + 1 < text.length && after > 32 && after !== 44 && after !== 93 && after !== 125;
    if (opens && named) return true;
  }
  return false;
}

/**
 * Parses the unit `text.slice(start, end)`: the common subset where it stands, with the
 * document's offsets (about twenty times faster than yaml); anything else, and every error, is
 * yaml's. `checked`: the whole text is known to be within the subset's characters.
 */
function parseUnitAt(text: string, start: number, end: number, checked = false): UnitResult {
  scanStats.chars += end - start;
  const fast = fastParseRange(text, start, end, checked);
  if (fast) return { node: fast, problems: [], base: start };
  return parseUnitWithYamlAt(text, start, end);
}

/** Parses the unit `text.slice(start, end)` with yaml, with the document's offsets. */
function parseUnitWithYamlAt(text: string, start: number, end: number): UnitResult {
  scanStats.chars += end - start;
  const r = parseUnitWithYaml(start === 0 && end === text.length ? text : text.slice(start, end));
  return { node: r.node && start ? shift(r.node, start) : r.node, problems: r.problems.map((p) => shiftProblem(p, start)), base: start };
}

function parseUnitWithYaml(unitText: string): { node: YNode | null; problems: Problem[] } {
  const problems: Problem[] = [];
  let node: YNode | null = null;
  const deep = nestingBeyond(unitText, PARSE_LIMITS.maxDepth);
  if (deep !== -1) {
    // checked before `yaml` runs: its recursion on hostile nesting can exhaust the stack
    problems.push({
      code: 'too-deep',
      severity: 'error',
      message: `This YAML nests more than ${PARSE_LIMITS.maxDepth} levels deep; rule files never need that, so it is not read.`,
      span: { start: deep, end: deep + 1 },
    });
    return { node, problems };
  }
  try {
    const doc = parseDocument(unitText, {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      // yaml's own duplicate-key check compares every pair of keys of a mapping (a minute for
      // 40,000 keys); duplicateKeys finds the same in one pass
      uniqueKeys: false,
      customTags: withoutExponentFloats,
    });
    // yaml reports follow-on errors after the first one in an entry; the first is the one to fix
    const dup = duplicateKeys(doc.contents);
    const first = dup && (!doc.errors[0] || dup.pos[0] < doc.errors[0].pos[0]) ? dup : doc.errors[0];
    if (first) problems.push(yamlProblem(first.message, first.pos, first.code, 'error', unitText.length));
    for (const w of doc.warnings) problems.push(yamlProblem(w.message, w.pos, w.code, 'warning', unitText.length));
    node = fromYaml(doc.contents, doc, 0, { nodes: PARSE_LIMITS.maxNodes, depth: PARSE_LIMITS.maxDepth, aliases: PARSE_LIMITS.maxAliasCount });
  } catch (err) {
    // yaml throws for an alias bomb past maxAliasCount ("Excessive alias count"); deep
    // nesting may overflow yaml's own recursion
    const [code, message]: [DiagnosticCode, string] =
      err instanceof TreeLimitError
        ? [err.code, err.message]
        : err instanceof RangeError
          ? ['too-deep', `This YAML nests too deeply to read (rule files need fewer than ${PARSE_LIMITS.maxDepth} levels).`]
          : /alias/i.test(String(err))
            ? ['alias-limit', `Too many aliases expand here (more than ${PARSE_LIMITS.maxAliasCount}): the file is not read, to protect the editor.`]
            : ['yaml-syntax', `YAML: ${err instanceof Error ? err.message : String(err)}`];
    problems.push({
      code,
      severity: 'error',
      message,
      span: { start: 0, end: Math.min(unitText.length, firstLineLength(unitText)) },
    });
    node = null;
  }
  return { node, problems };
}

/**
 * The first key that repeats an earlier key of its mapping, as yaml's uniqueKeys check reports
 * it (scalar keys with equal values; other keys only when they are the same node, never here).
 */
function duplicateKeys(root: unknown): { message: string; pos: [number, number]; code: string } | undefined {
  let first: { message: string; pos: [number, number]; code: string } | undefined;
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isSeq(n)) for (const item of n.items) stack.push(item); // not push(...items): a million arguments overflow the stack
    else if (isMap(n)) {
      const seen = new Set<unknown>();
      work.steps += n.items.length;
      for (const pair of n.items) {
        stack.push(pair.key, pair.value);
        if (!isScalar(pair.key)) continue;
        const v = pair.key.value;
        if (typeof v === 'number' && Number.isNaN(v)) continue; // NaN !== NaN for yaml too
        if (!seen.has(v)) seen.add(v);
        else {
          const at = pair.key.range?.[0] ?? 0;
          if (!first || at < first.pos[0]) first = { message: 'Map keys must be unique', pos: [at, at + 1], code: 'DUPLICATE_KEY' };
        }
      }
    }
  }
  return first;
}

/**
 * The YAML core schema reads `3E001` as 3 x 10^1 = 30 and `0E982` as 0: every technology
 * ECCN (digit, E, three digits) would be a number. Rule files never need exponent floats, so
 * that form is switched off and such tokens stay text, as a compliance officer means them.
 */
export function withoutExponentFloats(tags: Tags): Tags {
  return tags.filter((t) => !(typeof t === 'object' && t.tag === 'tag:yaml.org,2002:float' && 'format' in t && t.format === 'EXP'));
}

function parseWhole(text: string): ParsedRuleText {
  const r = parseUnitAt(text, 0, text.length);
  return { root: r.node, problems: r.problems, mode: 'whole', unitCount: 1 };
}

/** Joins the units' trees into the file's; `parse` parses a unit the cache does not hold. */
function parseUnits(text: string, units: RawUnit[], cache: UnitCache | undefined, parse: (u: RawUnit, i: number) => UnitResult): ParsedRuleText | undefined {
  const problems: Problem[] = [];
  const rootItems: YPair[] = [];
  const sections = new Map<SectionKey, YSeq | YMap>();
  const seenTop = new Map<string, YScalar>();
  const sectionKeys = new Map<SectionKey, Map<unknown, YScalar>>(); // a map section's keys, for duplicates
  for (let unitIndex = 0; unitIndex < units.length; unitIndex++) {
    const u = units[unitIndex];
    const unitText = text.slice(u.start, u.end);
    let r = cache?.takeFromPrevious(unitText);
    if (r && r.base !== u.start) {
      // first use in this version: move it where it now stands, without copying
      const by = u.start - r.base;
      if (r.node) shiftInPlace(r.node, by);
      r.problems = r.problems.map((p) => shiftProblem(p, by));
      r.base = u.start;
    } else if (!r) r = cache?.get(unitText);
    if (r && r.base !== u.start) {
      const by = u.start - r.base;
      r = { node: r.node ? shift(r.node, by) : null, problems: r.problems.map((p) => shiftProblem(p, by)), base: u.start };
      cache?.set(unitText, r);
    } else if (!r) {
      r = parse(u, unitIndex);
      cache?.set(unitText, r);
    }
    for (const p of r.problems) problems.push(p); // one unit may carry 100,000 warnings: no push(...)
    const node = r.node;
    if (u.section) {
      const coll = sections.get(u.section);
      if (!coll || !node) continue;
      if (coll.kind === 'seq' && node.kind === 'seq') {
        coll.items.push(...node.items);
        coll.end = node.end;
      } else if (coll.kind === 'map' && node.kind === 'map') {
        let keys = sectionKeys.get(u.section);
        if (!keys) sectionKeys.set(u.section, (keys = new Map(coll.items.map((q) => [q.key.value, q.key]))));
        work.steps += node.items.length;
        for (const p of node.items) {
          const dup = keys.get(p.key.value);
          if (dup) problems.push(duplicateKey(p.key, dup));
          else {
            coll.items.push(p);
            keys.set(p.key.value, p.key);
          }
        }
        coll.end = node.end;
      } else if (node.kind !== coll.kind) {
        return undefined; // mixed shapes: let the whole parse speak
      }
      continue;
    }
    if (!node) continue;
    if (node.kind !== 'map') return undefined;
    for (const pair of node.items) {
      const name = String(pair.key.value);
      const dup = seenTop.get(name);
      if (dup) {
        problems.push(duplicateKey(pair.key, dup));
        continue;
      }
      seenTop.set(name, pair.key);
      if ((SECTION_KEYS as readonly string[]).includes(name) && (pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null))) {
        // the key line of a split section: items follow as their own units
        const next = units[unitIndex + 1];
        if (next?.section === name) {
          const isMap = name === 'regimes';
          const coll: YSeq | YMap = isMap
            ? { kind: 'map', items: [], start: next.start, end: next.start, flow: false }
            : { kind: 'seq', items: [], start: next.start, end: next.start, flow: false };
          sections.set(name as SectionKey, coll);
          rootItems.push({ key: pair.key, value: coll });
          continue;
        }
      }
      rootItems.push(pair);
    }
  }
  const root: YMap = { kind: 'map', items: rootItems, start: units[0].start, end: text.length, flow: false };
  return { root, problems, mode: 'units', unitCount: units.length };
}

function duplicateKey(key: YScalar, first: YScalar): Problem {
  return {
    code: 'duplicate-key',
    severity: 'error',
    message: `"${String(key.value)}" appears twice at this level; only one may stand.`,
    span: { start: key.start, end: key.end },
    related: [{ span: { start: first.start, end: first.end }, message: 'first written here' }],
  };
}

function yamlProblem(message: string, pos: [number, number], code: string, severity: 'error' | 'warning', max: number): Problem {
  let [start, end] = pos;
  start = Math.min(start, max);
  end = Math.min(Math.max(end, start + 1), max);
  if (end <= start) start = Math.max(0, end - 1);
  return { code: 'yaml-syntax', severity, message: plainYamlMessage(message, code), span: { start, end } };
}

/** yaml's messages are good but technical; keep them, minus the position suffix. */
function plainYamlMessage(message: string, code: string): string {
  const m = message.replace(/ at line \d+, column \d+.*$/s, '').trim();
  const hints: Record<string, string> = {
    BAD_INDENT: ' (check the indentation of this line)',
    MISSING_CHAR: '',
    DUPLICATE_KEY: ' (only one may stand)',
    TAB_AS_INDENT: ' (use spaces, not tabs, to indent YAML)',
    MULTIPLE_DOCS: ' (a rule file holds one document)',
  };
  return `YAML: ${m}${hints[code] ?? ''}`;
}

function shiftProblem(p: Problem, by: number): Problem {
  if (by === 0) return p;
  const q: Problem = { ...p, span: { start: p.span.start + by, end: p.span.end + by } };
  if (p.related) q.related = p.related.map((r) => (r.span ? { ...r, span: { start: r.span.start + by, end: r.span.end + by } } : r));
  return q;
}

/**
 * A copy of the tree with offsets moved by `by` (units are cached relative to their start).
 * Object literals of one shape each, not spreads: this runs for every entry below an edit.
 */
function shift<T extends YNode>(node: T, by: number): T {
  return shiftNode(node, by) as T;
}

function shiftNode(n: YNode, by: number): YNode {
  if (n.kind === 'scalar') return { kind: 'scalar', value: n.value, start: n.start + by, end: n.end + by, quoted: n.quoted };
  if (n.kind === 'seq') {
    const items = new Array<YNode | null>(n.items.length);
    for (let i = 0; i < items.length; i++) {
      const it = n.items[i];
      items[i] = it ? shiftNode(it, by) : null;
    }
    return { kind: 'seq', items, start: n.start + by, end: n.end + by, flow: n.flow };
  }
  const items = new Array<YPair>(n.items.length);
  for (let i = 0; i < items.length; i++) {
    const p = n.items[i];
    items[i] = { key: shiftNode(p.key, by) as YScalar, value: p.value ? shiftNode(p.value, by) : null };
  }
  return { kind: 'map', items, start: n.start + by, end: n.end + by, flow: n.flow };
}

/** Moves a tree that nothing else holds (a cached unit on its first use in a new version), without copying. */
function shiftInPlace<T extends YNode>(node: T, by: number): T {
  node.start += by;
  node.end += by;
  if (node.kind === 'seq') for (const i of node.items) if (i) shiftInPlace(i, by);
  if (node.kind === 'map')
    for (const p of node.items) {
      shiftInPlace(p.key, by);
      if (p.value) shiftInPlace(p.value, by);
    }
  return node;
}

function firstLineLength(t: string): number {
  const i = t.indexOf('\n');
  return Math.max(1, i === -1 ? t.length : i);
}

/**
 * The offset where flow brackets or block indentation first nest deeper than `max`, or -1.
 * A cheap over-approximation (brackets inside quotes count too): it only has to be exact for
 * real rule files, which nest a few levels.
 */
function nestingBeyond(text: string, max: number): number {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      inComment = false;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45 /* - */) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== 35 /* # */ && c !== 13) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        if (indents.length + flow > max) return i;
      }
    }
    if (inComment) continue;
    if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32)) inComment = true;
    else if (c === 91 || c === 123) {
      if (++flow + indents.length > max) return i;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return -1;
}
