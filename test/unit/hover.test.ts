// Hover over fixture rule files: every code explained from the catalog, regimes from any file
// of the workspace with their members, keys and enum values from the schema, and the data line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { analyzeRuleText, type RuleDocument } from '../../server/src/model/document';
import { RuleWorkspace, type WorkspaceView } from '../../server/src/workspace/workspace';
import { getCatalog } from '../../server/src/catalog/catalog';
import { hover } from '../../server/src/service/hover';

const FIXTURES = join(__dirname, '..', 'fixtures', 'completion');
const catalog = getCatalog();
const AS_OF = '_Data: eCFR as of 2026-07-23 / 2026-09-24 — reference only, not legal advice._';

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.ecr.yaml`), 'utf8');
}

const ws = new RuleWorkspace(catalog);
ws.set('file:///w/other-regimes.ecr.yaml', fixture('other-regimes'), 1, false);
const base = ws.set('file:///w/base.ecr.yaml', fixture('base'), 1, false)!;

/** Hover with the cursor inside the `nth` occurrence of `needle` (one character in). */
function hoverOn(doc: RuleDocument, needle: string, nth = 0, view: WorkspaceView = ws): Hover | null {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = doc.text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in the fixture`);
  return hover(doc, i + 1, view, catalog);
}

function text(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

/** The hovered range as text. */
function hovered(doc: RuleDocument, h: Hover | null): string {
  assert.ok(h?.range);
  return doc.text.slice(doc.lines.offsetAt(h.range.start), doc.lines.offsetAt(h.range.end));
}

test('an ECCN: title, heading, reasons, chart columns, exceptions, licence count, as-of line', () => {
  const h = hoverOn(base, '7A994');
  const t = text(h);
  assert.ok(t.startsWith('**7A994**'));
  assert.match(t, /avionic/i);
  assert.match(t, /Reasons for control:\*\* `AT`/);
  assert.match(t, /Country Chart, entire entry:\*\* `AT1`/);
  assert.match(t, /Licence exceptions/);
  assert.match(t, new RegExp(`A licence is needed to ${catalog.chartLicenceCount('7A994')} destinations? by the Country Chart`));
  assert.match(t, /Flags/);
  assert.ok(t.endsWith(AS_OF));
  assert.equal(hovered(base, h), '7A994');
});

test('a paragraph ECCN shows the columns that apply to it, then its entry with entire-entry and partial columns', () => {
  const h = hoverOn(base, '3A001.a.1');
  const t = text(h);
  assert.ok(t.startsWith('**3A001**'));
  // 3A001.a.1: NS2 and AT1 for the whole entry; MT1 covers 3A001.a.1.a, a paragraph below it
  assert.match(t, /`3A001\.a\.1` is a paragraph of 3A001: Country Chart NS2, MT1, AT1 \(MT1 in part or on a condition\)\./);
  assert.match(t, /entire entry:\*\* `NS2`, `AT1`/);
  assert.match(t, /Only some paragraphs, or on conditions:\*\* .*`NS1`/);
  assert.match(t, /- NS applies to “Monolithic Microwave Integrated Circuit” .* → NS1 \(3A001\.b\.2, 3A001\.b\.3 only; on a condition in the text\)/);
  assert.equal(hovered(base, h), '3A001.a.1');
});

test('a technology ECCN written quoted or unquoted is read as written, not as a number', () => {
  assert.ok(text(hoverOn(base, '"3E001"')).startsWith('**3E001**'));
  assert.ok(text(hoverOn(base, '3D001')).startsWith('**3D001**'));
});

test('a country: name, BIS name, groups, chart columns with an X, embargoes with citation', () => {
  const h = hoverOn(base, 'RU\n    date');
  assert.equal(hovered(base, h), 'RU');
  const ru = text(h);
  assert.ok(ru.startsWith('**RU** — Russia'));
  assert.match(ru, /Country Groups:\*\* `D:1`/);
  assert.match(ru, /X in:\*\* .*`NS1`/);
  assert.match(ru, /Embargo:\*\* Russia and Belarus \(15 CFR 746\.8/);
  assert.ok(ru.endsWith(AS_OF));
  const bs = analyzeRuleText('file:///w/bs.ecr.yaml', 'ruleset: x\ntitle: y\nregimes:\n  r:\n    countries: [BS]\n');
  assert.match(text(hoverOn(bs, 'BS')), /BIS: Bahamas, The/);
});

test('a region: its name and its country', () => {
  const t = text(hoverOn(base, 'UA-43'));
  assert.ok(t.startsWith('**UA-43** — Crimea'));
  assert.match(t, /A region of Ukraine \(`UA`\)/);
  assert.match(t, /746\.6/);
});

test('a Country Group: title and members with names', () => {
  const h = hoverOn(base, '"D:1"');
  const t = text(h);
  assert.match(t, /^\*\*Country Group D:1\*\*/);
  assert.match(t, /`RU` Russia/);
  assert.ok(t.endsWith(AS_OF));
  assert.equal(hovered(base, h), '"D:1"');
});

test('a chart column and a reason', () => {
  const t = text(hoverOn(base, 'NS1'));
  assert.match(t, /^\*\*Country Chart column NS1\*\* — National Security/);
  assert.match(t, /have an X in this column/);
  const reason = analyzeRuleText('file:///w/r.ecr.yaml', 'ruleset: x\ntitle: y\nrules:\n  - id: a\n    citation: c\n    when:\n      items: [{ reason: MT }]\n      destinations: [{ any: true }]\n    decision: prohibited\n');
  assert.match(text(hoverOn(reason, 'MT }')), /^\*\*MT\*\* — Missile Technology/);
});

test('a category and a product group', () => {
  const doc = analyzeRuleText('file:///w/c.ecr.yaml', 'ruleset: x\ntitle: y\nrules:\n  - id: a\n    citation: c\n    when:\n      items: [{ category: "7", productGroup: E }]\n      destinations: [{ any: true }]\n    decision: prohibited\n');
  assert.match(text(hoverOn(doc, '"7"')), /^\*\*CCL Category 7\*\* — Navigation and Avionics/);
  assert.match(text(hoverOn(doc, 'E }')), /^\*\*Product group E\*\* — Technology/);
});

test('a regime used in one file and defined in another: title, description, resolved members', () => {
  const t = text(hoverOn(base, 'strict-embargo'));
  assert.match(t, /^\*\*Regime strict-embargo\*\* — Strict embargo/);
  assert.match(t, /less Syria/);
  assert.match(t, /Defined in `acme-regimes`/);
  assert.match(t, /members?:\*\* .*`CU` Cuba/);
  assert.ok(!/`SY`/.test(t), 'excluded');
});

test('a regime key itself: its definition and members', () => {
  const other = ws.get('file:///w/other-regimes.ecr.yaml')!;
  const t = text(hoverOn(other, 'nato-friends'));
  assert.match(t, /Close allies/);
  assert.match(t, /3 members:\*\* `DE` Germany, `FR` France, `GB`/);
});

test('a regime hover without an engine still shows the definition', () => {
  const noEngine: WorkspaceView = {
    documents: () => ws.documents(),
    get: (u) => ws.get(u),
    ruleSets: () => ws.ruleSets(),
    regimes: () => ws.regimes(),
    products: () => ws.products(),
    engine: () => {
      throw new Error('not ready');
    },
    usingStarterPack: false,
  };
  const t = text(hoverOn(base, 'eastern-embargo', 1, noEngine));
  assert.match(t, /Countries:\*\* `RU`, `BY`, `UA-43`/);
});

test('a product sku: its attributes', () => {
  const t = text(hoverOn(base, 'FMC-200 }'));
  assert.match(t, /^\*\*Product FMC-200\*\* — Flight management computer/);
  assert.match(t, /ECCN: `7A994`/);
  assert.match(t, /HS code: `8526\.91`/);
});

test('a key: its schema title and documentation; a regime-level and a selector key too', () => {
  const h = hoverOn(base, 'decision:');
  const t = text(h);
  assert.match(t, /^\*\*Decision\*\* \(`decision`\)/);
  assert.match(t, /most restrictive/);
  assert.equal(hovered(base, h), 'decision');
  assert.match(text(hoverOn(base, 'countryGroup:')), /supplement no\. 1 to 15 CFR part 740/);
  assert.match(text(hoverOn(base, 'countries:')), /Member countries/);
  assert.match(text(hoverOn(base, 'ruleset:')), /unique in the workspace/);
});

test('an enum value: its markdown description', () => {
  const t = text(hoverOn(base, 'license-required'));
  assert.match(t, /^\*\*License required\*\*/);
  assert.match(text(hoverOn(base, 'foreign')), /Foreign made/);
  assert.match(text(hoverOn(base, 'US-EAR')), /Export Administration Regulations/);
});

test('an ECCN shows its licence exception lines verbatim, with the LVS limits and how a line was read', () => {
  const doc = analyzeRuleText('file:///w/x.ecr.yaml', 'ruleset: x\ntitle: y\nproducts:\n  - sku: A\n    eccn: 2B007.a\n  - sku: B\n    eccn: 5A002\n');
  const t = text(hoverOn(doc, '2B007'));
  assert.ok(t.includes('**Licence exceptions:**\n- `LVS`: $5,000, except 2B007.b and .c  \n  _limit: none for 2B007.b, 2B007.c; $5,000 for the rest of 2B007_\n- `GBS`: N/A'), t);
  const enc = text(hoverOn(doc, '5A002'));
  assert.match(enc, /- `LVS`: Yes: \$500 for “components,” {2}\n {2}_limit: \$500; read as: \$500 for "components" only/);
  assert.match(enc, /- `ENC`: Yes for certain EI controlled commodities/);
});

test('licence exceptions and rule ids', () => {
  assert.match(text(hoverOn(base, 'GOV')), /^\*\*License Exception GOV\*\* — 15 CFR 740\.11/);
  assert.match(text(hoverOn(base, '[east-all-ccl]')), /^\*\*Rule east-all-ccl\*\*/);
});

test('free text and unknown codes get no hover', () => {
  assert.equal(hoverOn(base, 'Flight management computer'), null);
  const doc = analyzeRuleText('file:///w/u.ecr.yaml', 'ruleset: x\ntitle: y\nregimes:\n  r:\n    countries: [XX]\n');
  assert.equal(hoverOn(doc, 'XX'), null);
});

test('a line being typed (no parse yet) still gets hover from the text', () => {
  const doc = analyzeRuleText('file:///w/t.ecr.yaml', 'ruleset: x\ntitle: y\nrules:\n  - id: a\n    when:\n      items: [{ eccn: 5A992 ]\n');
  assert.ok(text(hoverOn(doc, '5A992')).startsWith('**5A992**'));
});
