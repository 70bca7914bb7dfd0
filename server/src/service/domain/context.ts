// What every domain check shares: the context of one call, reporting, memoised suggestions.
import type { Catalog } from '../../catalog/types';
import type { Engine } from '../../engine/engine';
import type { RuleDocument } from '../../model/document';
import type { DiagnosticCode } from '../../model/diagnosticCodes';
import { type Problem, type Severity, type Span } from '../../model/types';
import { type YMap, type YScalar } from '../../model/yamlTree';


export interface Ctx {
  doc: RuleDocument;
  root: YMap;
  catalog: Catalog;
  docs: RuleDocument[];
  /** True for a starter-pack file among `docs`: its regimes give way to the workspace's. */
  isStarterPack: (uri: string) => boolean;
  /** The workspace engine, when it was built from this very version of the document. */
  engine?: Engine;
  out: Problem[];
  regimeIds?: Set<string>;
  skus?: Map<string, string>;
  ruleIds?: Set<string>;
}

/** The names the workspace defines, gathered once per call and only when asked for. */
export const names = {
  regimes: (ctx: Ctx) => (ctx.regimeIds ??= new Set(ctx.docs.flatMap((d) => d.ruleSet.regimes.map((r) => r.id)))),
  /** Normalized sku -> as written. */
  skus: (ctx: Ctx) => (ctx.skus ??= new Map(ctx.docs.flatMap((d) => d.ruleSet.products.map((p): [string, string] => [p.sku.trim().toUpperCase(), p.sku])))),
  rules: (ctx: Ctx): Set<string> => {
    if (ctx.ruleIds) return ctx.ruleIds;
    const ids = new Set<string>();
    for (const d of ctx.docs) for (const r of d.ruleSet.rules) ids.add(r.id).add(`${r.ruleset}/${r.id}`);
    return (ctx.ruleIds = ids);
  },
};


export const spanOf = (n: { start: number; end: number }): Span => ({ start: n.start, end: n.end });

export function report(ctx: Ctx, code: DiagnosticCode, severity: Severity, span: Span, message: string, extra: Partial<Problem> = {}): void {
  const p: Problem = { code, severity, span, message, ...extra };
  if (p.fixes && p.fixes.length === 0) delete p.fixes;
  ctx.out.push(p);
}

/** Did-you-mean lists by catalog and text: a typo repeated over a large file is looked up once. */
const suggestionMemo = new WeakMap<Catalog, Map<string, unknown>>();
export function memo<T>(catalog: Catalog, key: string, make: () => T): T {
  let m = suggestionMemo.get(catalog);
  if (!m) suggestionMemo.set(catalog, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  if (m.size > 5000) m.clear();
  const v = make();
  m.set(key, v);
  return v;
}

export const asText = (s: YScalar): string | undefined => (typeof s.value === 'string' ? s.value.trim() : undefined);
export const didYouMean = (names: string[]): string => (names.length ? `; did you mean ${names.join(', ')}?` : '');
export const fileName = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

class FindingIndex {
  private readonly starts: number[];
  /** The largest end among the findings up to each position (sorted by start). */
  private readonly maxEnds: number[];
  constructor(problems: Problem[], severities: Severity[]) {
    const spans = problems.filter((p) => severities.includes(p.severity)).map((p) => p.span).sort((a, b) => a.start - b.start);
    this.starts = spans.map((s) => s.start);
    let max = -1;
    this.maxEnds = spans.map((s) => (max = Math.max(max, s.end)));
  }
  overlaps(span: Span): boolean {
    // the last finding that starts before the span ends
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < span.end) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return i >= 0 && this.maxEnds[i] > span.start;
  }
}

export const findings = (ctx: Ctx, severities: Severity[] = ['error', 'warning']) => new FindingIndex([...ctx.doc.problems, ...ctx.out], severities);
