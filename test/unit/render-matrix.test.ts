import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import {
  renderMatrix,
  renderMatrixError,
  renderWhatChanged,
  renderWhatChangedError,
} from '../../client/src/renderMatrix';
import type { DecisionMatrix, WhatChangedResult } from '../../server/src/protocol';
import { groupDestinations, matrixLegend, matrixPage, matrixTable } from '../../server/src/render/matrix';
import type { WebviewContext } from '../../client/src/html';

const EVIL = '<script>alert(1)</script>';
const NONCE = 'abc123';
const CSP_SOURCE = 'vscode-webview://x';
const VIEW: WebviewContext = { nonce: NONCE, cspSource: CSP_SOURCE, script: (name) => `/* ${name} */` };

function matrix(): DecisionMatrix {
  return {
    date: '2026-08-01',
    items: [
      { key: 'FMC-200', label: `FMC-200 — ${EVIL}`, item: { product: 'FMC-200' } },
      { key: '3A001', label: '3A001 Electronic components', item: { eccn: '3A001' } },
    ],
    destinations: [
      { code: 'CU', name: 'Cuba', group: 'E' },
      { code: 'RU', name: 'Russia', group: 'D' },
      { code: 'FR', name: `France ${EVIL}`, group: 'A' },
      { code: 'KP', name: 'North Korea', group: 'E' },
    ],
    cells: [
      [
        { decision: 'prohibited', rules: ['us-ear-embargo/cuba'] },
        { decision: 'license-required', rules: ['ru/all-ccl'] },
        { decision: 'no-license-required', rules: [] },
        { decision: 'prohibited', rules: [`x/${EVIL}`] },
      ],
      [
        { decision: 'license-required', rules: ['chart/ns1'] },
        { decision: 'license-required', rules: ['chart/ns1'] },
        { decision: 'no-license-required', rules: [] },
        { decision: 'prohibited', rules: ['us-ear-embargo/nk'] },
      ],
    ],
    dataAsOf: '2026-07-23',
    notice: 'Reference only, not legal advice.',
  };
}

/** The markup between the body tags, without the trusted script and style. */
function bodyOf(page: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(page);
  assert.ok(main, 'page has a <main>');
  return main[1]!;
}

test('matrix: values from rule files show as text, never as markup', () => {
  const page = renderMatrix(matrix(), VIEW);
  assert.ok(!page.includes(EVIL), 'the raw <script> never appears');
  assert.ok(page.includes('FMC-200 — &lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(page.includes('France &lt;script&gt;'));
  // the only <script> elements are the page's own, carrying the nonce
  const scripts = page.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [`<script nonce="${NONCE}">`]);
});

test('matrix: strict CSP with a nonce and no remote resources', () => {
  const page = renderMatrix(matrix(), VIEW);
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  assert.ok(meta, 'CSP meta present');
  const csp = [meta[0], meta[1]!.replace(/&#39;/g, "'")]; // the attribute is escaped like any value
  assert.match(csp[1]!, /default-src 'none'/);
  assert.match(csp[1]!, new RegExp(`script-src 'nonce-${NONCE}'`));
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp[1]!));
  assert.ok(!/(src|href)="https?:/.test(page), 'no remote resources');
  assert.ok(page.includes(`<style nonce="${NONCE}">`));
});

test('matrix: every cell has a text mark and an aria-label naming the decision and rules', () => {
  const body = bodyOf(renderMatrix(matrix(), VIEW));
  const cells = [...body.matchAll(/<td role="gridcell"[^>]*>([^<]*)<\/td>/g)];
  assert.equal(cells.length, 8);
  const marks = cells.map((c) => c[1]);
  assert.deepEqual(marks.sort(), ['L', 'L', 'L', 'P', 'P', 'P', '–', '–'].sort());
  for (const c of cells) {
    assert.match(c[0], /aria-label="[^"]+: (Prohibited|License required|No license required)\. Deciding rules: [^"]+\."/);
    assert.match(c[0], /title="[^"]+"/);
  }
  assert.ok(body.includes('aria-label="3A001 Electronic components to Cuba (CU): License required. Deciding rules: chart/ns1."'));
  assert.ok(body.includes('Deciding rules: x/&lt;script&gt;'));
  assert.ok(body.includes('Deciding rules: no rule.'));
  // a legend says what each mark means in words
  assert.match(body, /<dt class="cell decision-prohibited">P<\/dt><dd>Prohibited<\/dd>/);
  assert.match(body, /<dt class="cell decision-license-required">L<\/dt><dd>License required<\/dd>/);
  assert.match(body, /<dt class="cell decision-no-license-required">–<\/dt><dd>No license required<\/dd>/);
});

test('matrix: columns are grouped under Country Group headers, cells in the same order as heads', () => {
  const m = matrix();
  assert.deepEqual(groupDestinations(m.destinations), [
    { group: 'E', columns: [0, 3] },
    { group: 'D', columns: [1] },
    { group: 'A', columns: [2] },
  ]);
  const body = bodyOf(renderMatrix(m, VIEW));
  assert.match(body, /<th scope="colgroup"[^>]*data-group="E" colspan="2">Country Group E<\/th>/);
  assert.match(body, /<th scope="colgroup"[^>]*data-group="D" colspan="1">Country Group D<\/th>/);
  const heads = [...body.matchAll(/<th scope="col" class="dest" data-col="(\d+)"/g)].map((x) => x[1]);
  assert.deepEqual(heads, ['0', '3', '1', '2']);
  const firstRow = [...body.matchAll(/<td role="gridcell"[^>]*data-row="0" data-col="(\d+)"/g)].map((x) => x[1]);
  assert.deepEqual(firstRow, heads);
  // the group selector offers each group
  assert.match(body, /<option value="E">Country Group E<\/option>/);
});

test('matrix: shows the date, the as-of date and the notice; controls present', () => {
  const body = bodyOf(renderMatrix(matrix(), VIEW, { date: '2026-08-01', error: `boom ${EVIL}` }));
  assert.match(body, /eCFR as of 2026-07-23/);
  assert.match(body, /Reference only, not legal advice\./);
  assert.match(body, /<input type="date" id="date" value="2026-08-01">/);
  assert.match(body, /id="filter"/);
  assert.match(body, /data-command="exportCsv"/);
  assert.match(body, /role="alert">boom &lt;script&gt;/);
});

function changes(): WhatChangedResult {
  return {
    base: 'HEAD~1',
    date: '2026-08-01',
    dataAsOf: '2026-07-23',
    notice: 'Reference only, not legal advice.',
    changes: [
      {
        item: 'FMC-200',
        itemLabel: `FMC-200 — ${EVIL}`,
        itemInput: { product: 'FMC-200' },
        destination: 'RU',
        destinationName: 'Russia',
        before: { decision: 'no-license-required', rules: [] },
        after: { decision: 'license-required', rules: ['ru/all-ccl'] },
        stricter: true,
      },
      {
        item: '3A001',
        itemLabel: '3A001 Electronic components',
        itemInput: { eccn: '3A001' },
        destination: 'FR',
        destinationName: 'France',
        before: { decision: 'license-required', rules: ['chart/ns1'] },
        after: { decision: 'no-license-required', rules: [] },
        stricter: false,
      },
    ],
  };
}

test('what changed: a table of before and after with direction in words, escaped', () => {
  const page = renderWhatChanged(changes(), VIEW);
  assert.ok(!page.includes(EVIL));
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  const body = bodyOf(page);
  assert.match(body, /2 decision\(s\) changed since HEAD~1 \(on 2026-08-01\): 1 stricter, 1 relaxed\./);
  assert.match(body, /<th scope="col">Before \(HEAD~1\)<\/th>/);
  const rows = [...body.matchAll(/<tr class="(stricter|relaxed)">([\s\S]*?)<\/tr>/g)];
  assert.equal(rows.length, 2);
  const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  assert.equal(
    text(rows[0]![2]!),
    'FMC-200 — &lt;script&gt;alert(1)&lt;/script&gt; Russia (RU) – No license required L License required ▲ Stricter no rule ru/all-ccl',
  );
  assert.equal(text(rows[1]![2]!), '3A001 Electronic components France (FR) L License required – No license required ▼ Relaxed chart/ns1 no rule');
  assert.match(body, /eCFR as of 2026-07-23/);
  assert.match(body, /Reference only, not legal advice\./);
});

test('what changed: no change and errors are said in words', () => {
  const none = bodyOf(renderWhatChanged({ base: 'main', date: '2026-08-01', changes: [], dataAsOf: '2026-07-23', notice: 'Reference only, not legal advice.' }, VIEW));
  assert.match(none, /No decision changed since main/);
  assert.ok(!none.includes('<table'));
  const error = bodyOf(renderWhatChangedError(`"${EVIL}" is not a git revision here`, EVIL, VIEW));
  assert.ok(!error.includes(EVIL));
  assert.match(error, /role="alert">Could not compare: &quot;&lt;script&gt;/);
  assert.match(bodyOf(renderMatrixError('server down', VIEW)), /Could not make the matrix: server down/);
});

test('one renderer of the matrix table: the view and `export-rules matrix --format html` hold the same table', () => {
  const m = matrix();
  const table = matrixTable(m).value;
  const view = renderMatrix(m, VIEW);
  const standalone = matrixPage(m);
  assert.ok(view.includes(table), 'the view embeds the shared table');
  assert.ok(standalone.includes(table), 'the page embeds the shared table');
  assert.ok(standalone.includes(matrixLegend().value) && view.includes(matrixLegend().value));
  // the page runs nothing and loads nothing; the view runs only its bundled script
  assert.doesNotMatch(standalone, /<script/);
  assert.match(standalone, /content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.deepEqual(view.match(/<script\b[^>]*>[^<]*<\/script>/g), [`<script nonce="${NONCE}">/* matrixView */</script>`]);
});

test('the views run the bundled scripts of client/webview/, named by page; no script text lives in client/src', () => {
  assert.match(renderWhatChanged(changes(), VIEW), /\/\* commandsView \*\//);
  assert.match(renderMatrixError('down', VIEW), /\/\* commandsView \*\//);
  const root = path.resolve(__dirname, '../..');
  const inline = fs.readdirSync(path.join(root, 'client/src')).filter((f) => /acquireVsCodeApi|addEventListener\(/.test(fs.readFileSync(path.join(root, 'client/src', f), 'utf8')));
  assert.deepEqual(inline, []);
  for (const name of ['matrixView', 'commandsView']) assert.ok(fs.existsSync(path.join(root, 'client/webview', `${name}.ts`)), name);
});

test('the bundled commands script posts what a link or button names (dist/webview, built by npm run build)', () => {
  const code = fs.readFileSync(path.resolve(__dirname, '../../dist/webview/commandsView.js'), 'utf8');
  const posted: unknown[] = [];
  const handlers: ((e: unknown) => void)[] = [];
  class Element {
    constructor(private readonly attrs: Record<string, string>) {}
    closest(selector: string) {
      return selector === '[data-command]' && 'data-command' in this.attrs ? this : null;
    }
    getAttribute(name: string) {
      return this.attrs[name] ?? null;
    }
  }
  vm.runInNewContext(code, { Element, document: { addEventListener: (_: string, fn: (e: unknown) => void) => handlers.push(fn) }, acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m) }) });
  let prevented = 0;
  const click = (attrs: Record<string, string>) => handlers.forEach((h) => h({ target: new Element(attrs), preventDefault: () => prevented++ }));
  click({ 'data-command': 'check', 'data-index': '3' });
  click({ 'data-command': 'refresh' });
  click({ class: 'plain' });
  // (objects of the script's own realm: compared as JSON)
  assert.deepEqual(JSON.parse(JSON.stringify(posted)), [{ command: 'check', index: 3 }, { command: 'refresh' }]);
  assert.equal(prevented, 2);
});
