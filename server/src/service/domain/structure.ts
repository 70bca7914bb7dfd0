// Domain checks of structure: impossible dates, duplicate ids, regime include cycles.
import { ruleKeys } from '../../model/build';
import { hasDateShape, notACalendarDate } from '../../model/dates';
import type { RuleDocument } from '../../model/document';
import { locate } from '../../model/pointer';
import type { Span } from '../../model/types';
import { getKey, type YNode, type YScalar } from '../../model/yamlTree';
import { nameOccurrences } from '../navigation';
import { mapsOf } from './codes';
import { type Ctx, fileName, report, spanOf } from './context';

// --- dates ---------------------------------------------------------------------------------

export function checkDates(ctx: Ctx): void {
  const { root } = ctx;
  const dateNode = (n: YNode | null | undefined): { node: YScalar; value: string } | undefined => {
    if (n?.kind !== 'scalar' || typeof n.value !== 'string') return undefined;
    const err = notACalendarDate(n.value);
    if (err) {
      report(ctx, 'invalid-date', 'error', spanOf(n), err);
      return undefined;
    }
    return hasDateShape(n.value) ? { node: n, value: n.value } : undefined;
  };
  const never = (what: string, exp: string, eff: string) =>
    `${what} expires (${exp}) on or before it takes effect (${eff}): it never applies (expires is exclusive)`;
  const headEff = dateNode(getKey(root, 'effective')?.value);
  const headExp = dateNode(getKey(root, 'expires')?.value);
  dateNode(getKey(root, 'asOf')?.value);
  if (headEff && headExp && headExp.value <= headEff.value)
    report(ctx, 'expires-before-effective', 'error', spanOf(headExp.node), never('This ruleset', headExp.value, headEff.value));
  const rules = ruleKeys(root);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule || (rule.effective === undefined && rule.expires === undefined)) continue;
    const eff = dateNode(rule.effective);
    const exp = dateNode(rule.expires);
    if (!eff && !exp) continue;
    const e = eff?.value ?? headEff?.value;
    const x = exp?.value ?? headExp?.value;
    if (!e || !x || x > e) continue;
    if (exp) report(ctx, 'expires-before-effective', 'error', spanOf(exp.node), never('This rule', x, e));
    else if (eff) report(ctx, 'expires-before-effective', 'error', spanOf(eff.node), `This rule takes effect (${e}) when its ruleset has expired (${x}): it never applies`);
  }
  for (const t of mapsOf(getKey(root, 'tests')?.value)) dateNode(getKey(t, 'date')?.value);
}

// --- duplicates ----------------------------------------------------------------------------

export function nodeAtPointer(doc: RuleDocument, pointer: string): YNode | null {
  const at = locate(doc.root, pointer);
  return at.missing ? null : at.node;
}

export function checkDuplicates(ctx: Ctx): void {
  const { doc, docs, root } = ctx;
  const others = docs.filter((d) => d !== doc);
  const elsewhere = (d: RuleDocument, span: Span, what: string) => ({
    location: { uri: d.uri, range: d.lines.rangeOf(span) },
    message: `${what} in ${fileName(d.uri)}`,
  });

  // rule ids within the ruleset
  const firstRule = new Map<string, YScalar>();
  const rules = ruleKeys(root);
  for (let i = 0; i < rules.length; i++) {
    const id = rules[i]?.id;
    if (id?.kind !== 'scalar' || typeof id.value !== 'string') continue;
    const first = firstRule.get(id.value);
    if (!first) firstRule.set(id.value, id);
    else
      report(ctx, 'duplicate-rule-id', 'error', spanOf(id), `Rule id "${id.value}" is already used in this ruleset; rule ids must be unique (reports and decidedBy name rules by id)`, {
        related: [{ span: spanOf(first), message: 'first used here' }],
      });
  }

  // ruleset ids across the workspace
  const rsNode = getKey(root, 'ruleset')?.value;
  const rsId = doc.ruleSet.id;
  if (rsId && rsNode) {
    const same = others.filter((d) => d.ruleSet.id === rsId);
    if (same.length)
      report(ctx, 'duplicate-ruleset-id', 'error', spanOf(rsNode), `Ruleset id "${rsId}" is also used by ${same.map((d) => fileName(d.uri)).join(', ')}; ruleset ids must be unique in the workspace`, {
        related: same.map((d) => elsewhere(d, spanOf(nodeAtPointer(d, '/ruleset') ?? { start: 0, end: 0 }), 'also used')),
      });
  }

  // regime ids across the workspace (within a file the parser reports a duplicate key); a regime
  // of the workspace replaces the starter pack's of the same id (RuleWorkspace.ruleSets), so the
  // pack's definition is no duplicate
  const otherRegimes = new Map<string, { d: RuleDocument; x: { keySpan: Span } }[]>();
  for (const d of others) if (!ctx.isStarterPack(d.uri)) for (const x of d.ruleSet.regimes) otherRegimes.set(x.id, [...(otherRegimes.get(x.id) ?? []), { d, x }]);
  for (const r of doc.ruleSet.regimes) {
    const same = otherRegimes.get(r.id) ?? [];
    if (same.length)
      report(ctx, 'duplicate-regime-id', 'error', r.keySpan, `Regime "${r.id}" is also defined in ${same.map((s) => fileName(s.d.uri)).join(', ')}; regimes are shared by every rule file, so only one definition is used`, {
        related: same.map((s) => elsewhere(s.d, s.x.keySpan, 'also defined')),
      });
  }

  // skus: the second within the file, and every definition that another file repeats
  const seen = new Map<string, Span>();
  const otherSkus = new Map<string, { d: RuleDocument; x: { skuSpan: Span } }[]>();
  for (const d of others) for (const x of d.ruleSet.products) otherSkus.set(x.sku.trim().toUpperCase(), [...(otherSkus.get(x.sku.trim().toUpperCase()) ?? []), { d, x }]);
  for (const p of doc.ruleSet.products) {
    const key = p.sku.trim().toUpperCase();
    const firstSpan = seen.get(key);
    const first = firstSpan && { span: firstSpan };
    const same = otherSkus.get(key) ?? [];
    if (first || same.length)
      report(ctx, 'duplicate-sku', 'error', p.skuSpan, `Product "${p.sku}" is defined more than once; a sku names one product in the workspace (the first definition is used)`, {
        related: [...(first ? [{ span: first.span, message: 'first defined here' }] : []), ...same.map((s) => elsewhere(s.d, s.x.skuSpan, 'also defined'))],
      });
    if (!firstSpan) seen.set(key, p.skuSpan);
  }
}

// --- regime include cycles (as the engine found them) -------------------------------------

export function checkRegimeGraph(ctx: Ctx): void {
  if (!ctx.engine) return;
  const mine = new Set(ctx.doc.ruleSet.regimes.map((r) => r.id));
  for (const p of ctx.engine.regimeProblems) {
    if (p.kind === 'duplicate' || !mine.has(p.regime)) continue;
    const regime = ctx.doc.ruleSet.regimes.find((r) => r.id === p.regime);
    if (!regime || p.ruleset !== regime.ruleset) continue;
    if (p.kind === 'cycle') {
      const target = p.path[p.path.length - 1];
      const refs = nameOccurrences(ctx.doc).filter(
        (o) => o.kind === 'regime' && !o.definition && o.name === target && o.node.start > regime.keySpan.start && inRegime(ctx, regime.id, o.node),
      );
      const span = refs[0] ? spanOf(refs[0].node) : regime.keySpan;
      report(ctx, 'regime-cycle', 'error', span, `Regimes include each other in a cycle: ${p.path.join(' -> ')}; a cycle resolves to no destinations`);
    } else {
      report(ctx, 'regime-too-deep', 'error', regime.keySpan, `Regimes include each other more than 64 levels deep (${p.path.slice(0, 4).join(' -> ')} -> ...); the deepest includes are ignored`);
    }
  }
}

function inRegime(ctx: Ctx, id: string, n: YScalar): boolean {
  const node = nodeAtPointer(ctx.doc, `/regimes/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  return !!node && n.start >= node.start && n.end <= node.end;
}

