// Document symbols: the ruleset, its regimes, products, rules (id and title) and tests.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import { locate } from '../model/pointer';
import type { Span } from '../model/types';
import type { YNode } from '../model/yamlTree';

export function documentSymbols(doc: RuleDocument): DocumentSymbol[] {
  const root = doc.root;
  if (!root || root.kind !== 'map') return [];
  const set = doc.ruleSet;
  const range = (s: Span) => doc.lines.rangeOf(s);
  const entrySpan = (pointer: string, fallback: Span): Span => {
    const at = locate(root, pointer);
    const n: YNode | null = at.node;
    return n ? { start: at.key ? at.key.start : n.start, end: n.end } : fallback;
  };
  const section = (name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol[] => {
    const at = locate(root, `/${name}`);
    if (!at.key || children.length === 0) return [];
    const span = { start: at.key.start, end: at.node?.end ?? at.key.end };
    return [{ name, kind, range: range(span), selectionRange: range({ start: at.key.start, end: at.key.end }), children }];
  };
  const regimes = set.regimes.map((r) => {
    const span = entrySpan(r.pointer, r.keySpan);
    return {
      name: shown(r.id),
      detail: r.title,
      kind: SymbolKind.Namespace,
      range: range(span),
      selectionRange: range(r.keySpan),
    };
  });
  const products = set.products.map((p) => ({
    name: shown(p.sku),
    detail: [p.name, p.eccn].filter(Boolean).join(' — '),
    kind: SymbolKind.Constant,
    range: range(entrySpan(p.pointer, p.skuSpan)),
    selectionRange: range(p.skuSpan),
  }));
  const rules = set.rules.map((r) => ({
    name: shown(r.id),
    detail: [r.decision, r.title].filter(Boolean).join(' — '),
    kind: SymbolKind.Function,
    range: range(r.span),
    selectionRange: r.location.range,
  }));
  const tests = set.tests.map((t) => ({
    name: shown(t.name),
    detail: `expect ${t.expect}`,
    kind: SymbolKind.Event,
    range: range(t.span),
    selectionRange: t.location.range,
  }));
  const children = [
    ...section('regimes', SymbolKind.Namespace, regimes),
    ...section('products', SymbolKind.Package, products),
    ...section('rules', SymbolKind.Module, rules),
    ...section('tests', SymbolKind.Module, tests),
  ];
  const idKey = locate(root, '/ruleset');
  const sel = idKey.key ? { start: idKey.key.start, end: idKey.node?.end ?? idKey.key.end } : { start: root.start, end: root.start };
  return [
    {
      name: shown(set.id ?? 'ruleset'),
      detail: set.title,
      kind: SymbolKind.File,
      range: range({ start: root.start, end: root.end }),
      selectionRange: range(sel),
      children,
    },
  ];
}

/** VS Code rejects the whole outline when one symbol has an empty name (`"": ...` regimes). */
function shown(name: string): string {
  return name === '' ? '""' : name;
}
