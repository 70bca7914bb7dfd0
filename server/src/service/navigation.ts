// Navigation over the names rule files define and use across the workspace: regimes
// (`regimes:` keys; `regime:` in destination selectors and `include`/`exclude`) and products
// (`sku:`; `product:` in item selectors and test items). Definition, references, rename and
// workspace symbols, all read from the YNode tree so every location is the exact token.
import { SymbolKind, type Location, type Range, type SymbolInformation, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import { selectorNodes } from '../model/selectors';
import { getKey, type YNode, type YScalar } from '../model/yamlTree';

type NameKind = 'regime' | 'product';

/** One place a regime or product name is written: its definition or a use. */
export interface NameOccurrence {
  kind: NameKind;
  name: string;
  node: YScalar;
  definition: boolean;
}

/** The id pattern of the schema (regime ids, rule ids, ruleset ids). */
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const seqItems = (n: YNode | null | undefined): YNode[] => (n?.kind === 'seq' ? n.items.filter((x): x is YNode => x !== null) : []);

/**
 * The scalar values of a key: a scalar or the scalars of a (flow or block) list. A list of
 * scalars alone (the usual case) is its own items, not a copy: read only.
 */
export function valueScalars(n: YNode | null | undefined): readonly YScalar[] {
  if (!n) return NO_SCALARS;
  if (n.kind === 'scalar') return n.value === null ? NO_SCALARS : [n];
  if (n.kind !== 'seq') return NO_SCALARS;
  const items = n.items;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x === null || x.kind !== 'scalar' || x.value === null) return items.filter((y): y is YScalar => y !== null && y.kind === 'scalar' && y.value !== null);
  }
  return items as YScalar[];
}

const NO_SCALARS: readonly YScalar[] = Object.freeze([]);

const occurrenceCache = new WeakMap<RuleDocument, NameOccurrence[]>();

/** Every regime and product name written in the document (cached per document version). */
export function nameOccurrences(doc: RuleDocument): NameOccurrence[] {
  const hit = occurrenceCache.get(doc);
  if (hit) return hit;
  const out: NameOccurrence[] = [];
  const root = doc.root;
  const str = (s: YScalar): string => String(s.value);
  if (root?.kind === 'map') {
    const regimes = getKey(root, 'regimes')?.value;
    if (regimes?.kind === 'map') for (const p of regimes.items) out.push({ kind: 'regime', name: str(p.key), node: p.key, definition: true });
    for (const m of seqItems(getKey(root, 'products')?.value)) {
      const sku = m.kind === 'map' ? getKey(m, 'sku')?.value : undefined;
      if (sku?.kind === 'scalar' && sku.value !== null && sku.value !== '') out.push({ kind: 'product', name: str(sku), node: sku, definition: true });
    }
    for (const s of selectorNodes(root)) {
      const key = s.kind === 'destination' ? 'regime' : 'product';
      for (const v of valueScalars(getKey(s.node, key)?.value)) out.push({ kind: key, name: str(v), node: v, definition: false });
    }
    for (const t of seqItems(getKey(root, 'tests')?.value)) {
      const item = t.kind === 'map' ? getKey(t, 'item')?.value : undefined;
      const product = item?.kind === 'map' ? getKey(item, 'product')?.value : undefined;
      for (const v of valueScalars(product)) out.push({ kind: 'product', name: str(v), node: v, definition: false });
    }
  }
  out.sort((a, b) => a.node.start - b.node.start);
  occurrenceCache.set(doc, out);
  return out;
}

/** Product skus compare case-insensitively (as the engine does); regime ids exactly. */
function sameName(kind: NameKind, a: string, b: string): boolean {
  return kind === 'product' ? a.trim().toUpperCase() === b.trim().toUpperCase() : a === b;
}

/** The workspace's documents with `doc` standing for its uri (an edited buffer wins). */
export function workspaceDocuments(doc: RuleDocument, ws: { documents(): readonly RuleDocument[] }): RuleDocument[] {
  const docs = ws.documents();
  const out = docs.map((d) => (d.uri === doc.uri ? doc : d));
  if (!docs.some((d) => d.uri === doc.uri)) out.push(doc);
  return out;
}

function occurrenceAt(doc: RuleDocument, offset: number): NameOccurrence | undefined {
  return nameOccurrences(doc).find((o) => offset >= o.node.start && offset <= o.node.end);
}

function locationOf(doc: RuleDocument, o: NameOccurrence): Location {
  return { uri: doc.uri, range: doc.lines.rangeOf(nameSpan(doc, o.node)) };
}

/** The span of the name itself: inside the quotes of a quoted scalar. */
function nameSpan(doc: RuleDocument, n: YScalar): { start: number; end: number } {
  if (!n.quoted) return { start: n.start, end: n.end };
  const q = doc.text[n.start];
  const close = doc.text.lastIndexOf(q, n.end - 1);
  return close > n.start ? { start: n.start + 1, end: close } : { start: n.start, end: n.end };
}

function allOccurrences(doc: RuleDocument, ws: { documents(): readonly RuleDocument[] }, at: NameOccurrence) {
  return workspaceDocuments(doc, ws).flatMap((d) =>
    nameOccurrences(d)
      .filter((o) => o.kind === at.kind && sameName(at.kind, o.name, at.name))
      .map((o) => ({ doc: d, o })),
  );
}

interface DocumentSource {
  documents(): readonly RuleDocument[];
  /** The bundled starter pack's files: read, never edited; a workspace definition replaces theirs. */
  isStarterPack?(uri: string): boolean;
}

export function definition(doc: RuleDocument, offset: number, ws: DocumentSource): Location[] {
  const at = occurrenceAt(doc, offset);
  if (!at) return [];
  const found = allOccurrences(doc, ws, at).filter((x) => x.o.definition);
  // a workspace definition replaces the pack's of the same name (RuleWorkspace.ruleSets)
  const own = found.filter((x) => !ws.isStarterPack?.(x.doc.uri));
  return (own.length ? own : found).map((x) => locationOf(x.doc, x.o));
}

export function references(doc: RuleDocument, offset: number, ws: DocumentSource, includeDeclaration: boolean): Location[] {
  const at = occurrenceAt(doc, offset);
  if (!at) return [];
  return allOccurrences(doc, ws, at)
    .filter((x) => includeDeclaration || !x.o.definition)
    .map((x) => locationOf(x.doc, x.o));
}

export function prepareRename(doc: RuleDocument, offset: number): { range: Range; placeholder: string } | null {
  const at = occurrenceAt(doc, offset);
  return at ? { range: doc.lines.rangeOf(nameSpan(doc, at.node)), placeholder: at.name } : null;
}

/** Throws an Error with a plain message when the new name cannot stand. */
export function rename(doc: RuleDocument, offset: number, newName: string, ws: DocumentSource): WorkspaceEdit | null {
  const at = occurrenceAt(doc, offset);
  if (!at) return null;
  const name = newName.trim();
  if (at.kind === 'regime' && !ID_PATTERN.test(name))
    throw new Error(`"${newName}" cannot be a regime id: use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  if (at.kind === 'product' && (name === '' || /[\n\r\t]/.test(name))) throw new Error(`"${newName}" cannot be a product sku: write it on one line, not empty.`);
  if (sameName(at.kind, name, at.name) && name === at.name) return { changes: {} };
  const clash = workspaceDocuments(doc, ws).some((d) =>
    nameOccurrences(d).some((o) => o.definition && o.kind === at.kind && sameName(at.kind, o.name, name) && !sameName(at.kind, o.name, at.name)),
  );
  if (clash) throw new Error(`A ${at.kind} named "${name}" already exists in the workspace; choose another name.`);
  const changes: Record<string, TextEdit[]> = {};
  for (const { doc: d, o } of allOccurrences(doc, ws, at)) {
    if (ws.isStarterPack?.(d.uri)) continue; // the bundled pack is never edited
    (changes[d.uri] ??= []).push({ range: d.lines.rangeOf({ start: o.node.start, end: o.node.end }), newText: scalarText(d, o.node, name) });
  }
  return { changes };
}

/** How to write `value` in place of the scalar `n`: in its quotes, or plain when YAML reads it back as the same text. */
export function scalarText(doc: RuleDocument, n: YScalar, value: string): string {
  if (n.quoted) {
    const q = doc.text[n.start];
    if (q === "'") return `'${value.replace(/'/g, "''")}'`;
    return JSON.stringify(value);
  }
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** True when `value` written plain (even in a flow list) reads back as the same string. */
function isPlainSafe(value: string): boolean {
  if (!/^[A-Za-z0-9][A-Za-z0-9._\-*/]*$/.test(value)) return false;
  if (/^(true|false|yes|no|on|off|null|y|n)$/i.test(value)) return false;
  return !/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$/.test(value);
}

// --- workspace symbols -------------------------------------------------------------------

/** Case-insensitive: a substring of the whole name scores by its position; a subsequence of the
 *  id alone (`rbac` finds ru-by-all-ccl) ranks after every substring match. */
function matchScore(query: string, name: string, id: string): number | undefined {
  if (!query) return 0;
  const q = query.toLowerCase();
  const at = name.toLowerCase().indexOf(q);
  if (at >= 0) return at;
  let i = 0;
  for (const c of id.toLowerCase()) if (c === q[i]) i++;
  return i === q.length ? 10_000 + id.length : undefined;
}

const MAX_SYMBOLS = 1000;

export function workspaceSymbols(query: string, ws: DocumentSource): SymbolInformation[] {
  const found: { s: SymbolInformation; score: number }[] = [];
  const add = (id: string, title: string | undefined, kind: SymbolKind, location: Location, containerName: string | undefined) => {
    // VS Code drops the whole list for one empty name (a regime written `"": ...`)
    const name = title ? `${id || '""'} — ${title}` : id || '""';
    const score = matchScore(query.trim(), name, id);
    if (score === undefined) return;
    const s: SymbolInformation = { name, kind, location };
    if (containerName) s.containerName = containerName;
    found.push({ s, score });
  };
  for (const doc of ws.documents()) {
    if (ws.isStarterPack?.(doc.uri)) continue; // the workspace's own symbols; definitions still reach the pack
    const set = doc.ruleSet;
    const container = set.id;
    for (const r of set.rules) add(`${r.ruleset}/${r.id}`, r.title, SymbolKind.Function, r.location, container);
    for (const r of set.regimes) add(r.id, r.title, SymbolKind.Namespace, r.location, container);
    for (const p of set.products) add(p.sku, p.name, SymbolKind.Constant, p.location, container);
  }
  found.sort((a, b) => a.score - b.score || a.s.name.localeCompare(b.s.name));
  return found.slice(0, MAX_SYMBOLS).map((f) => f.s);
}
