// The generated rules for the CCL controls that are not chart columns
// (samples/starter/ear-ccl-controls.ecr.yaml, scripts/build-ccl-rules.mjs): the committed file is
// what the script makes of the data, every such control of the data is accounted for, and each
// reaches the destinations its wording names (and not those it leaves out) with the whole pack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCatalog } from '../../server/src/catalog/catalog';
import type { CatalogData } from '../../server/src/catalog/types';
import { createEngine } from '../../server/src/engine/engine';
import { analyzeRuleText } from '../../server/src/model/document';

const ROOT = path.resolve(__dirname, '../..');
const GENERATED = path.join(ROOT, 'samples/starter/ear-ccl-controls.ecr.yaml');

interface Probes {
  to: string[];
  not?: string[];
  item?: string;
}
interface Covered {
  rule: string;
  to: string;
  date?: string;
}
interface Accounted {
  eccn?: string;
  reason?: string;
  footnote?: number;
  source: 'row' | 'special' | 'no-row' | 'footnote';
  text: string;
  wording?: string;
  pointer?: string;
  rules: { id: string }[];
  coveredBy: Covered[];
  probes?: Probes;
  item?: string;
}
interface Plan {
  accounted: Accounted[];
  counts: Record<string, number>;
}
interface Chart {
  footnotes: Record<string, string>;
  rows: unknown[];
}
interface BuildModule {
  readInputs(): { catalog: CatalogData; chart: Chart };
  buildCclRules(inputs?: { catalog: CatalogData; chart: Chart }): { plan: Plan; text: string };
  planCclRules(inputs: { catalog: CatalogData; chart: Chart }): Plan;
}

const load = async (): Promise<BuildModule> =>
  (await import(pathToFileURL(path.join(ROOT, 'scripts/build-ccl-rules.mjs')).href)) as BuildModule;

test('the committed ear-ccl-controls.ecr.yaml is what build-ccl-rules.mjs makes of the data', async () => {
  const { buildCclRules } = await load();
  const { text } = buildCclRules();
  assert.equal(readFileSync(GENERATED, 'utf8'), text, 'run `npm run pack:build`');
});

test('every licence table row without a chart column, every special note and every chart footnote is accounted for', async () => {
  const { buildCclRules, readInputs } = await load();
  const inputs = readInputs();
  const { plan } = buildCclRules(inputs);
  const ids = new Set(
    analyzeRuleText(pathToFileURL(GENERATED).toString(), readFileSync(GENERATED, 'utf8')).ruleSet.rules.map((r) => r.id),
  );
  let rows = 0;
  let specials = 0;
  for (const e of inputs.catalog.eccns) {
    if (e.code === 'EAR99') continue;
    for (const row of e.controls) {
      if (row.columns.length > 0) continue;
      rows++;
      const noRow = /\(no licence table row in the data/.test(row.text);
      const a = plan.accounted.find((x) => x.eccn === e.code && x.reason === row.reason && (noRow ? x.source !== 'row' : x.source === 'row' && x.text === (row.requirement ?? row.text)));
      assert.ok(a, `${e.code} ${row.reason}: "${row.requirement ?? row.text}" is not accounted for`);
      assert.ok(a.rules.length > 0 || a.coveredBy.length > 0, `${e.code} ${row.reason}: neither a rule nor a covering rule`);
      for (const r of a.rules) assert.ok(ids.has(r.id), `${e.code}: rule ${r.id} is not in the generated file`);
    }
    if (e.specialLicenseRequirement) {
      specials++;
      const mine = plan.accounted.filter((x) => x.eccn === e.code && x.source === 'special');
      assert.ok(mine.length > 0, `${e.code}: special note "${e.specialLicenseRequirement}" is not accounted for`);
      for (const a of mine) assert.ok(a.rules.length > 0 || a.coveredBy.length > 0, `${e.code} ${a.reason}: special note without a rule`);
    }
  }
  // the data as of 2026-09-24: 305 rows without a column, 23 special notes, 10 footnotes
  assert.equal(rows, 305);
  assert.equal(specials, 23);
  for (const n of Object.keys(inputs.chart.footnotes)) {
    const f = plan.accounted.filter((x) => x.footnote === Number(n));
    assert.ok(f.length > 0, `footnote ${n} is not accounted for`);
    assert.ok(f.every((x) => x.rules.length > 0 || x.pointer), `footnote ${n}: neither rules nor a pointer`);
  }
});

test('each control reaches the destinations its wording names, with the whole pack', async () => {
  const { buildCclRules } = await load();
  const { plan } = buildCclRules();
  const dir = path.join(ROOT, 'samples/starter');
  const sets = readdirSync(dir)
    .filter((f) => f.endsWith('.ecr.yaml'))
    .map((f) => analyzeRuleText(pathToFileURL(path.join(dir, f)).toString(), readFileSync(path.join(dir, f), 'utf8')).ruleSet);
  const engine = createEngine(sets, getCatalog());
  assert.deepEqual(engine.regimeProblems, []);
  const problems: string[] = [];
  let checks = 0;
  const applied = (item: string, to: string, date: string) => {
    checks++;
    const d = engine.check({ item: { eccn: item }, destination: to, date });
    return { decision: d.decision, rules: d.matched.map((m) => m.rule) };
  };
  for (const a of plan.accounted) {
    const item = a.probes?.item ?? a.item;
    if (!item) continue; // a pointer footnote
    const what = `${a.eccn ?? `footnote ${a.footnote}`} ${a.reason ?? ''} (${a.wording ?? a.source})`;
    for (const r of a.rules) {
      for (const to of a.probes?.to ?? []) {
        const d = applied(item, to, '2026-06-01');
        if (d.decision !== 'license-required' || !d.rules.includes(r.id)) problems.push(`${what}: ${item} to ${to} got ${d.decision} by ${d.rules.join(', ') || 'no rule'}, expected ${r.id}`);
      }
      for (const to of a.probes?.not ?? []) {
        const d = applied(item, to, '2026-06-01');
        if (d.rules.includes(r.id)) problems.push(`${what}: ${r.id} applies to ${item} to ${to}, which its wording leaves out`);
      }
    }
    for (const c of a.coveredBy) {
      const d = applied(item, c.to, c.date ?? '2026-06-01');
      if (d.decision !== 'license-required' || !d.rules.includes(c.rule)) problems.push(`${what}: ${item} to ${c.to} got ${d.decision} by ${d.rules.join(', ') || 'no rule'}, expected the pack rule ${c.rule}`);
    }
    if (a.rules.length > 0 && !a.probes?.to.length) problems.push(`${what}: no probe destination`);
  }
  assert.deepEqual(problems, []);
  assert.ok(checks > 500, `${checks} checks`);
});

test('a wording, special note or footnote the table does not know stops the build', async () => {
  const { planCclRules, readInputs } = await load();
  const fresh = () => readInputs();

  const a = fresh();
  const row = a.catalog.eccns.find((e) => e.code === '3A904')!.controls.find((r) => r.requirement)!;
  row.requirement = 'Worldwide control, except Canada. See § 742.4(a)(5) of the EAR.';
  assert.throws(() => planCclRules(a), /3A904 NS: unknown requirement wording "Worldwide control, except Canada/);

  const b = fresh();
  b.catalog.eccns.find((e) => e.code === '0A983')!.specialLicenseRequirement = 'License required to all destinations except Canada and Mexico.';
  assert.throws(() => planCclRules(b), /0A983: unknown special licence requirement/);

  const c = fresh();
  c.chart.footnotes['10'] = c.chart.footnotes['10'].replace('0A509, ', '0A509, 0A510, ');
  assert.throws(() => planCclRules(c), /Country Chart footnote 10 changed/);

  const d = fresh();
  d.chart.footnotes['11'] = 'A license is required to these destinations for 1A001.';
  assert.throws(() => planCclRules(d), /Country Chart footnote 11 is not in scripts\/ccl-wordings\.mjs/);

  // footnote 3 adds nothing only while its rows have an X in RS column 1
  const e = fresh();
  const japan = (e.chart.rows as { iso2: string; license_required_columns: string[] }[]).find((r) => r.iso2 === 'JP')!;
  japan.license_required_columns = japan.license_required_columns.filter((c) => c !== 'RS1');
  assert.throws(() => planCclRules(e), /Country Chart footnote 3: the data no longer bears out/);
});

test('the rules generated per wording (the figures of docs/starter-pack.md)', async () => {
  const { buildCclRules } = await load();
  const { plan } = buildCclRules();
  const rulesOf = (w: string) => new Set(plan.accounted.filter((a) => a.wording === w).flatMap((a) => a.rules.map((r) => r.id))).size;
  assert.equal(plan.counts['ei-742-15'], 4);
  assert.equal(rulesOf('ei-742-15'), 4);
  assert.equal(plan.counts['un-746-1b'], 99);
  assert.equal(rulesOf('un-746-1b'), 0);
  const total = new Set(plan.accounted.flatMap((a) => a.rules.map((r) => r.id))).size;
  const inFile = analyzeRuleText(pathToFileURL(GENERATED).toString(), readFileSync(GENERATED, 'utf8')).ruleSet.rules.length;
  assert.equal(total, inFile);
});
