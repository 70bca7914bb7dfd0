// Parties in the editor: a party of parties.ecr.yaml whose name is on the Entity List gets a
// warning on its name with the entry, the list, the score, why, what it means and the list's
// date; a party on no list gets none. Check Item with that party: the screening hit beside the
// item decision.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeOf, openFixture, ourDiagnostics, positionOf, waitFor } from './helpers';

// The embedded snapshot's entry (Entity List, 79 FR 24563); the party writes "Co., Ltd." where
// the list writes "Company".
const LISTED_MESSAGE =
  'Party "chengdu-latest" matches the Entity List entry "Chengdu Latest Electronics Technology Company" [EL EL-ea34b1b4bb], score 1. ' +
  'Why: name "Chengdu Latest Electronics Technology Company" (EL); legal form co ltd / company set aside. ' +
  'Entity List: licence required for all items subject to the EAR; see § 744.11; review policy: Presumption of denial; no licence exceptions (§ 744.16(b)). ' +
  '(embedded CSL snapshot (consolidated.json of 2026-07-31), list of 2026-07-31)';

suite('parties', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    doc = await openFixture('parties.ecr.yaml');
    await activeExtension();
  });

  test('a party on the Entity List: a warning on its name with the entry, list, score, why and the list date', async () => {
    const diags = await waitFor(async () => {
      const ds = await ourDiagnostics(doc.uri, 1);
      return ds.some((d) => codeOf(d) === 'party-listed') ? ds : undefined;
    }, 30_000, 'the party-listed warning on parties.ecr.yaml');
    const listed = diags.filter((d) => codeOf(d) === 'party-listed');
    assert.equal(listed.length, 1, diags.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    const d = listed[0]!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.message, LISTED_MESSAGE);
    assert.equal(doc.getText(d.range), 'Chengdu Latest Electronics Technology Co., Ltd.');
    assert.equal(d.range.start.line, positionOf(doc, 'name: Chengdu Latest').line);
    // maple-telecom is on no list: nothing else is reported about the file.
    assert.deepEqual(diags.filter((x) => codeOf(x) !== 'party-listed').map((x) => `${codeOf(x)}: ${x.message}`), []);
  });

  test('the hover on the listed name shows the list entry', async () => {
    const pos = positionOf(doc, 'name: Chengdu Latest', 'name: '.length + 3);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const all = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
      return /Chengdu Latest Electronics Technology Company/.test(all) ? all : undefined;
    }, 30_000, 'a hover naming the list entry');
    assert.match(text, /Entity List/);
    assert.match(text, /79 FR 24563/);
  });
});

interface Screening {
  result: string;
  list: { date: string };
  hits: { list: string; name: string; status: string; score: number; outcome: { kind: string; decision?: string; deciding: boolean } }[];
}
interface CheckResult { decision: string; screening?: Screening; notChecked: string[] }

suite('parties: Check Item', () => {
  suiteSetup(() => activeExtension());

  const check = async (party?: string): Promise<CheckResult> => {
    const r = await vscode.commands.executeCommand<CheckResult | undefined>('exportRules.checkItem',
      { item: { eccn: '5A992' }, destination: 'CN', date: '2026-09-24', ...(party ? { party } : {}) });
    assert.ok(r, 'exportRules.checkItem returned nothing');
    return r;
  };

  test('smartphones to China need no licence by the Country Chart (5A992 is AT only), and no party was screened', async () => {
    const r = await check();
    assert.equal(r.decision, 'no-license-required');
    assert.equal(r.screening, undefined);
  });

  test('the same to the Entity List party needs a licence (15 CFR 744.11: all items subject to the EAR), the hit deciding', async () => {
    const r = await check('chengdu-latest');
    assert.equal(r.decision, 'license-required');
    assert.ok(r.screening, 'no screening in the answer');
    assert.equal(r.screening.result, 'listed');
    assert.equal(r.screening.list.date, '2026-07-31');
    const hit = r.screening.hits[0];
    assert.ok(hit, 'no hit');
    assert.deepEqual(
      { list: hit.list, name: hit.name, status: hit.status, score: hit.score, kind: hit.outcome.kind, decision: hit.outcome.decision, deciding: hit.outcome.deciding },
      { list: 'EL', name: 'Chengdu Latest Electronics Technology Company', status: 'match', score: 1, kind: 'applies', decision: 'license-required', deciding: true },
    );
  });
});

suite('parties: rule tests', () => {
  suiteSetup(() => activeExtension());

  test('the tests of parties.ecr.yaml that name a party pass (the party screened in the test)', async () => {
    const results = await vscode.commands.executeCommand<{ name: string; passed: boolean; message: string }[]>('exportRules.runRuleTests');
    for (const name of ['smartphones for the Entity List end user need a licence', 'smartphones for the Canadian customer in China need none']) {
      const t = results.find((r) => r.name === name);
      assert.ok(t, `no result for "${name}"`);
      assert.equal(t.passed, true, `"${name}": ${t.message}`);
    }
  });
});
