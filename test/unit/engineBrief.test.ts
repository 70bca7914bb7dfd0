// The short answer (`Engine.brief`, used by the decision matrix and `check --batch`) is the same
// decision as `check`: over the starter pack with a company's rules, for many items (ECCNs,
// paragraphs, EAR99, HS codes only, foreign-made items with U.S. content, shipment values) to
// every destination, with each exception mode and with screened parties, every field the
// short answer has equals what `check` says. A matrix that disagreed with a check could show
// "no licence required" where the check requires one.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import type { BriefDetermination, CheckRequest, Determination } from '../../server/src/engine/types';
import { analyzeRuleText } from '../../server/src/model/document';
import type { ItemInput } from '../../server/src/model/types';
import { loadListFile } from '../../server/src/screening/listFile';
import { ScreeningIndex } from '../../server/src/screening/nameIndex';
import { createScreener } from '../../server/src/screening/screener';
import { loadStarterPack } from '../../server/src/workspace/starterPack';

const root = path.resolve(__dirname, '../..');
const catalog = getCatalog();
const read = (dir: string, f: string) => analyzeRuleText(`file:///${dir}/${f}`, readFileSync(path.join(root, 'test/fixtures', dir, f), 'utf8')).ruleSet;
const screener = createScreener(new ScreeningIndex(loadListFile(path.join(root, 'test/fixtures/screening/consolidated.json'), 'consolidated.json')), 0.86);
// the pack, a company's policies with conditions, HS codes and parties, and a product master
const company = analyzeRuleText(
  'file:///brief/company.ecr.yaml',
  `ruleset: acme-brief
title: ACME policies for the short-answer comparison
jurisdiction: INTERNAL
rules:
  - id: radios-by-hs
    when:
      items: [{ hs: ["8517.62"] }]
      destinations: [{ countryGroup: "D:1" }]
    decision: license-required
  - id: lasers-military-end-use
    condition: the end use is military
    when:
      items: [{ eccn: 6A005 }]
      destinations: [{ country: [IN, BR, ZA] }]
    decision: prohibited
  - id: no-aircraft-to-kp
    when:
      items: [{ category: "9" }]
      destinations: [{ country: KP }]
    decision: prohibited
  - id: heading-paragraph
    when:
      items: [{ eccn: 3A001.b.2 }]
      destinations: [{ country: [DE, FR, JP] }]
    decision: license-required
products:
  - sku: RADIO-1
    eccn: 5A992.c
    hs: "8517.62"
  - sku: DRONE-FOREIGN
    eccn: 9A012
    origin: foreign
    usContent: { percent: 8, eccns: ["3A991"] }
  - sku: AMP-FOREIGN
    eccn: 3A001.b.2
    origin: foreign
    usContent: { percent: 40, eccns: ["3A001"] }
`,
).ruleSet;
// with the parties of the party fixtures (Entity List, MEU, Denied Persons, SDN, cleared, near miss)
const sets = [...loadStarterPack().map((d) => d.ruleSet), company, read('parties', 'shipments.ecr.yaml')];
const engine = createEngine(sets, catalog, { today: '2026-09-24', screener: () => screener });

/** What `check` says, in the short answer's terms (the matrix and the batch read these before). */
function fromCheck(d: Determination): BriefDetermination {
  const b: BriefDetermination = {
    decision: d.decision,
    rules: d.matched.filter((m) => m.deciding).map((m) => `${m.ruleset}/${m.rule}`),
    exceptions: d.exceptions.filter((e) => e.status === 'available').map((e) => e.symbol),
    destination: d.destination.code,
    date: d.date,
  };
  if (d.conditional) b.conditional = true;
  if (d.subjectToEar !== undefined) b.subjectToEar = d.subjectToEar;
  if (d.screening) b.screening = d.screening;
  return b;
}

// every 7th ECCN of the catalog, and one of its paragraphs, EAR99, HS only, the products
const items: ItemInput[] = [{ eccn: 'EAR99' }, { eccn: '6A005' }, { eccn: '9A012' }, { eccn: '3A001' }, { eccn: '5A992' }, { hs: '8517.62' }, { hs: '8471' }, { product: 'RADIO-1' }, { product: 'DRONE-FOREIGN' }, { product: 'AMP-FOREIGN' }];
catalog.data.eccns.forEach((e, i) => {
  if (i % 7 !== 0) return;
  items.push({ eccn: e.code });
  if (e.paragraphs.length) items.push({ eccn: e.paragraphs[i % e.paragraphs.length] });
});
const destinations = catalog.data.destinations.filter((d) => !d.notAnExport && !d.unanswerable).map((d) => d.code);

function compare(request: CheckRequest): BriefDetermination {
  const brief = engine.brief(request);
  assert.deepEqual(brief, fromCheck(engine.check(request)), `${JSON.stringify(request)}`);
  return brief;
}

describe('the short answer and check agree', () => {
  it('starter pack and company rules: every item to every destination, exceptions as the matrix and the batch ask', () => {
    const seen = new Map<string, number>();
    for (const item of items) {
      for (const destination of destinations) {
        const b = compare({ item, destination, date: '2026-09-24', exceptions: 'decidable' });
        const kind = `${b.decision}${b.conditional ? ' conditional' : ''}${b.exceptions.length ? ' exception' : ''}${b.subjectToEar === false ? ' outside' : ''}`;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
    }
    // the comparison reached every kind of answer (not only "no licence required")
    for (const kind of ['no-license-required', 'license-required', 'prohibited', 'license-required conditional', 'prohibited conditional', 'license-required exception', 'no-license-required outside']) {
      assert.ok((seen.get(kind) ?? 0) > 0, `no ${kind} answer among ${[...seen.keys()].join(', ')}`);
    }
    assert.ok(items.length > 100 && destinations.length > 200);
  });

  it('each exception mode and shipment values', () => {
    for (const [i, item] of items.entries()) {
      if (i % 3 !== 0) continue;
      for (const [j, destination] of destinations.entries()) {
        if (j % 4 !== 0) continue;
        const exceptions = (['all', 'none', 'decidable', undefined] as const)[(i + j) % 4];
        compare({ item: { ...item, value: (i * 37 + j * 101) % 9000 }, destination, exceptions });
      }
    }
  });

  it('with screened parties (Entity List, MEU, Denied Persons, SDN, cleared, near miss, on no list)', () => {
    const decidedByParty = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (i % 5 !== 0) continue;
      for (const destination of ['CN', 'RU', 'DE', 'CH', 'AE']) {
        for (const party of ['hebei-semi', 'aaspt', 'adt-technik', 'cuba-bank', 'bnc-zurich', 'cuba-trading', 'nordwind', 'National Bank of Cuba']) {
          const b = compare({ item, destination, exceptions: 'decidable', party: { party } });
          if (b.screening?.hits.some((h) => h.outcome.deciding)) decidedByParty.add(party);
        }
      }
    }
    // the screening decided answers (the comparison covered the party path)
    assert.deepEqual([...decidedByParty].sort(), ['National Bank of Cuba', 'aaspt', 'adt-technik', 'cuba-bank', 'hebei-semi']);
  });

  it('bad input is the same error', () => {
    assert.throws(() => engine.brief({ item: { eccn: '3A001.z.9' }, destination: 'DE' }), /3A001/);
    assert.throws(() => engine.brief({ item: { eccn: 'EAR99' }, destination: 'XX' }), /unknown country "XX"/);
  });
});
