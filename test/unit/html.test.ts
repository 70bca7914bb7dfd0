import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, trusted } from '../../server/src/render/html';
import {
  determinationAsText,
  renderCheckError,
  renderDetermination,
} from '../../client/src/renderDetermination';
import type { CheckItemResult } from '../../server/src/protocol';
import type { WebviewContext } from '../../client/src/html';

const EVIL = '<script>alert(1)</script>';
/** A page's context with a stand-in for the bundled script (its name, as a comment). */
const view = (nonce: string, cspSource: string): WebviewContext => ({ nonce, cspSource, script: (name) => `/* ${name} */` });

function result(overrides: Partial<CheckItemResult> = {}): CheckItemResult {
  return {
    decision: 'license-required',
    item: { eccn: '5A992', origin: 'us', directProductOf: [] },
    destination: { code: 'RU', name: 'Russia' },
    date: '2024-01-01',
    matched: [
      {
        ruleset: 'us-ear-russia-belarus',
        rule: 'ru-by-all-ccl',
        title: 'Every item on the Commerce Control List needs a license',
        decision: 'license-required',
        deciding: true,
        citation: '15 CFR 746.8(a)(1)',
        review: 'policy of denial',
        exceptions: ['GOV', 'TMP'],
        uri: 'file:///ws/rules/russia.ecr.yaml',
        range: { start: { line: 11, character: 8 }, end: { line: 11, character: 21 } },
        line: 12,
      },
      {
        ruleset: 'company',
        rule: 'everything-ok',
        decision: 'no-license-required',
        deciding: false,
        exceptions: [],
        uri: 'file:///ws/company.ecr.yaml',
        range: { start: { line: 3, character: 6 }, end: { line: 3, character: 19 } },
        line: 4,
      },
    ],
    exceptions: [
      { symbol: 'GOV', title: 'Governments, international organizations (GOV)', status: 'needs-facts', reason: 'For a person to confirm: the consignee is one 740.11 covers.', citation: '15 CFR 740.11', needs: ['the consignee is one 740.11 covers.'] },
      { symbol: 'LVS', title: 'Shipments of limited value (LVS)', status: 'not-available', reason: '746.8(c)(2): only TMP, GOV remain for Russia and Belarus.', citation: '15 CFR 746.8(c)(2)' },
    ],
    exceptionNotes: ['No party screening results were given.'],
    noRuleApplied: false,
    checked: { controls: ['AT1 (whole item)'], chartColumns: ['CB1', 'NS1', 'NS2'], countryGroups: ['D:1'], embargoes: ['russia-belarus'], ruleSets: ['us-ear-russia-belarus'], lists: [] },
    notChecked: ['End users and end uses'],
    warnings: [],
    dataAsOf: '2026-09-24',
    notice: 'Reference only, not legal advice.',
    sources: ['rules/russia.ecr.yaml', 'company.ecr.yaml'],
    ...overrides,
  };
}

test('escapeHtml escapes the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(escapeHtml(undefined), '');
  assert.equal(escapeHtml(42), '42');
});

test('html escapes interpolations, keeps trusted markup, joins arrays', () => {
  const out = html`<p title="${'"x"'}">${EVIL}${trusted('<b>ok</b>')}${[1, '<i>']}${undefined}${false}</p>`;
  assert.equal(out.value, '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b>1&lt;i&gt;</p>');
});

test('renderDetermination shows the decision as a text label', () => {
  const page = renderDetermination(result(), view('N0nce', 'vscode-webview://abc'));
  assert.match(page, /<h1><span class="visually-hidden">Decision: <\/span>License required<\/h1>/);
  assert.match(page, /decision-license-required/);
  const prohibited = renderDetermination(result({ decision: 'prohibited' }), view('n', 'c'));
  assert.match(prohibited, />Prohibited<\/h1>/);
});

test('renderDetermination escapes every value from a rule file', () => {
  const r = result();
  r.matched[0]!.title = EVIL;
  r.matched[0]!.citation = `"><img src=x onerror=alert(1)>`;
  r.matched[0]!.ruleset = '<b>rs</b>';
  r.matched[0]!.uri = 'file:///ws/"onmouseover="alert(1).ecr.yaml';
  r.destination.name = '<i>Russia</i>';
  r.sources = [EVIL];
  r.note = EVIL;
  const page = renderDetermination(r, view('nonce1', 'csp'));
  // The only script element is the nonce'd one of the view itself.
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.match(page, /<script nonce="nonce1">/);
  assert.ok(!page.includes('<img'), 'no injected element');
  assert.ok(!page.includes('<b>rs</b>'));
  assert.ok(!page.includes('"onmouseover="'));
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'title shown as text');
  assert.ok(page.includes('&lt;i&gt;Russia&lt;/i&gt;'));
});

test('renderDetermination escapes every value of the party screening: a hostile list entry, list file and party', () => {
  const hostile = `"><img src=x onerror=alert(1)>${EVIL}`;
  const why = { summary: `name ${hostile}`, rules: ['exact' as const], tokens: [{ query: hostile, listed: hostile, rule: 'exact' as const, similarity: 1 }], unmatchedQuery: [], unmatchedListed: [], legalForms: { query: [], listed: [] } };
  const r = result({
    screening: {
      party: { input: hostile, id: hostile, ruleset: hostile, names: [hostile, hostile], country: hostile },
      list: { file: `/tmp/${hostile}.json`, date: hostile, lists: ['EL'] },
      threshold: 0.86,
      hits: [
        {
          id: hostile,
          name: hostile,
          matchedName: hostile,
          list: 'EL',
          score: 1,
          status: 'match',
          why,
          screenedName: hostile,
          effect: { kind: 'denied-persons', list: 'DPL', entry: { id: hostile, name: hostile, source: hostile }, possible: false, decision: 'prohibited', citation: hostile, summary: hostile },
          coverage: { covers: 'maybe', reason: hostile },
          outcome: { kind: 'applies', decision: 'prohibited', deciding: true, citation: hostile, authority: hostile, text: hostile },
          clearance: { state: 'changed', date: hostile, why: hostile },
        },
      ],
      result: 'listed',
      notes: [hostile],
    },
  });
  const page = renderDetermination(r, view('nonce1', 'csp'));
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.ok(!page.includes('<img'), 'no injected element');
  assert.ok(page.includes('data-id="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  assert.ok(page.includes('<strong>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;</strong>'), 'the entry shown as text');
});

test('renderDetermination sets a strict Content-Security-Policy with the nonce', () => {
  const page = renderDetermination(result(), view('abc123', 'vscode-webview://x'));
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1]?.replaceAll('&#39;', "'");
  assert.equal(csp, "default-src 'none'; style-src vscode-webview://x 'nonce-abc123'; script-src 'nonce-abc123';");
  assert.match(page, /<style nonce="abc123">/);
  assert.ok(!/https?:\/\//.test(page), 'no remote resources');
});

test('rule links carry their location and index; deciding rules are marked', () => {
  const page = renderDetermination(result(), view('n', 'c'));
  const links = [...page.matchAll(/<a href="#" class="rule-link"([^>]*)>([^<]*)<\/a>/g)];
  assert.equal(links.length, 2);
  assert.match(links[0]![1]!, /data-command="open"/);
  assert.match(links[0]![1]!, /data-index="0"/);
  assert.match(links[0]![1]!, /data-uri="file:\/\/\/ws\/rules\/russia.ecr.yaml"/);
  assert.match(links[0]![1]!, /data-line="12"/);
  assert.match(links[0]![1]!, /data-start-line="11"/);
  assert.equal(links[0]![2], 'us-ear-russia-belarus / ru-by-all-ccl');
  assert.match(links[1]![1]!, /data-index="1"/);
  assert.match(links[1]![1]!, /data-line="4"/);
  assert.equal(page.match(/class="badge">deciding</g)?.length, 1);
  assert.match(page, /15 CFR 746\.8\(a\)\(1\)/);
  assert.match(page, /policy of denial/);
  assert.match(page, /GOV, TMP/);
});

test('the view shows the data date, the notice, the buttons and the no-rule note', () => {
  const none = result({ decision: 'no-license-required', matched: [], exceptions: [], exceptionNotes: [], noRuleApplied: true });
  const page = renderDetermination(none, view('n', 'c'));
  assert.match(page, /No rule applied/);
  assert.match(page, /eCFR as of 2026-09-24/);
  assert.match(page, /Reference only, not legal advice\./);
  for (const command of ['checkAgain', 'copyText', 'copyJson']) {
    assert.match(page, new RegExp(`<button type="button"[^>]*data-command="${command}"`));
  }
  assert.ok(!renderDetermination(result(), view('n', 'c')).includes('No rule applied'));
});

test('renderCheckError escapes the message and keeps Check again', () => {
  const page = renderCheckError(EVIL, { item: { product: EVIL }, destination: 'XX' }, view('n', 'c'));
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.match(page, /Could not check/);
  assert.match(page, /data-command="checkAgain"/);
});

test('a sentence as-of text is shown as it is, a bare date gets its source', () => {
  const page = renderDetermination(result({ dataAsOf: 'eCFR as of 2026-07-23 / 2026-09-24' }), view('n', 'c'));
  assert.match(page, /Reference data: eCFR as of 2026-07-23 \/ 2026-09-24\./);
  assert.ok(!page.includes('as of eCFR'));
});

test('determinationAsText lists the decision, the rules and the notice', () => {
  const text = determinationAsText(result());
  assert.match(text, /^License required: ECCN 5A992 to Russia \(RU\) on 2024-01-01\n/);
  assert.match(text, /\* us-ear-russia-belarus \/ ru-by-all-ccl: License required \(deciding\)/);
  assert.match(text, /- company \/ everything-ok: No license required\n/);
  assert.match(text, /File: russia\.ecr\.yaml:12/);
  assert.match(text, /eCFR as of 2026-09-24/);
  assert.match(text, /Reference only, not legal advice\.\n$/);
});

test('a conditional answer shows what it depends on, what remains, the warnings and what was not checked, escaped', () => {
  const r = result({
    conditional: true,
    paragraphs: ['9A991.a'],
    dependsOn: [{ kind: 'paragraph', text: `applies to 9A991.a of 9A991 only ${EVIL}`, paragraphs: ['9A991.a'] }],
    unconditionalDecision: 'no-license-required',
    warnings: [`The date is after the data's as-of date ${EVIL}`],
    notChecked: ['End users and end uses', `De minimis ${EVIL}`],
  });
  const out = renderDetermination(r, view('n0nce', 'vscode-resource:'));
  assert.ok(!out.includes(EVIL), 'nothing from the answer is markup');
  assert.match(out, /<section id="conditional" class="conditional">/);
  assert.match(out, /The deciding rules apply only to <strong>9A991\.a<\/strong>/);
  assert.match(out, /If none of that holds: <strong>No license required<\/strong>\. Naming the paragraph narrows the answer\./);
  assert.match(out, /<p class="warning" role="note">⚠ The date is after the data&#39;s as-of date &lt;script&gt;/);
  assert.match(out, /<h2>Not checked<\/h2>\s*<ul class="not-checked"><li>End users and end uses<\/li><li>De minimis &lt;script&gt;/);
  const text = determinationAsText(r);
  assert.match(text, /^License required \(most restrictive: it depends\): ECCN 5A992 to Russia \(RU\) on 2024-01-01\n/);
  assert.ok(text.includes('\nDepends on:\n  - applies to 9A991.a of 9A991 only <script>alert(1)</script>\nIf none of that holds: No license required.\n'));
});

test('the licence exceptions are a labelled section, by status, escaped; the value is asked for only when LVS needs it', () => {
  const lvs = { symbol: 'LVS', title: 'Shipments of limited value (LVS)', citation: '15 CFR 740.3', entryLine: '$5,000, except 2B007.b and .c', limit: 5000 };
  const available = result({
    exceptions: [{ ...lvs, status: 'available', reason: `The net value $4,000 is within the LVS limit ${EVIL}`, conditions: ['12 times the limit per year (740.3(d)(2)).'] }],
  });
  const page = renderDetermination(available, view('n', 'c'));
  assert.ok(!page.includes(EVIL));
  assert.match(page, /<h1><span class="visually-hidden">Decision: <\/span>License required<\/h1>/, 'the decision stays license-required');
  assert.match(page, /<h2 id="exceptions-title">Licence exceptions<\/h2>/);
  assert.match(page, /<h3 class="status-available">Available \(1\)<\/h3>/);
  assert.match(page, /<strong>LVS<\/strong>[\s\S]*Limit \$5,000\.[\s\S]*15 CFR 740\.3/);
  assert.ok(!page.includes('data-command="checkWithValue"'), 'the value is not asked for when it decides nothing');
  const needsValue = result({ exceptions: [{ ...lvs, status: 'needs-facts', reason: 'Depends on facts not given: the net value is at most $5,000.', inputs: ['value'] }] });
  assert.match(renderDetermination(needsValue, view('n', 'c')), /<button type="button" data-command="checkWithValue">Check again with the shipment value…<\/button>/);
  const text = determinationAsText(needsValue);
  assert.ok(text.includes('\nLicence exceptions (15 CFR part 740; a separate part of the answer: the decision stays license-required):\n  Needs facts:\n    LVS: Depends on facts not given: the net value is at most $5,000. Limit $5,000. [15 CFR 740.3]\n'));
  assert.ok(text.includes('      to decide it: check again with the shipment value\n'));
});

test('not subject to the EAR (de minimis) is the headline, with the calculation', () => {
  const r = result({
    decision: 'no-license-required',
    matched: [],
    exceptions: [],
    exceptionNotes: [],
    noRuleApplied: true,
    subjectToEar: false,
    item: { eccn: '3A001', origin: 'foreign', directProductOf: [], usContent: { percent: 8, eccns: ['3A991'] } },
    deMinimis: {
      outcome: 'not-subject-to-ear',
      percent: 8,
      threshold: 25,
      calculation: 'U.S.-controlled content 8 % ≤ 25 % (734.4(d): China is not in Country Group E:1 or E:2).',
      reason: 'At or under the 25 % de minimis level.',
      citation: '15 CFR 734.4(d)',
      notes: ['The foreign direct product rules still apply.'],
      dataAsOf: 'eCFR as of 2026-07-23 / 2026-09-24',
    },
  });
  const page = renderDetermination(r, view('n', 'c'));
  assert.match(page, /<h1><span class="visually-hidden">Decision: <\/span>Not subject to the EAR<\/h1>/);
  assert.match(page, /decision-not-subject-to-ear/);
  assert.ok(!page.includes('No rule applied'), 'not "no licence required by these rules"');
  assert.match(page, /<h2>De minimis \(15 CFR 734\.4\): Not subject to the EAR<\/h2>/);
  assert.match(page, /<strong>U\.S\.-controlled content 8 % ≤ 25 % \(734\.4\(d\): China is not in Country Group E:1 or E:2\)\.<\/strong>/);
  assert.ok(!page.includes('id="exceptions"'), 'no licence exceptions section without a licence requirement');
  const text = determinationAsText(r);
  assert.match(text, /^Not subject to the EAR: ECCN 3A001, foreign-made, U\.S\. content 8 % \(3A991\) to Russia \(RU\) on 2024-01-01\n/);
  assert.ok(text.includes('\nDe minimis (15 CFR 734.4): NOT SUBJECT TO THE EAR\n  U.S.-controlled content 8 % ≤ 25 %'));
});
