// The README's performance figures are the benchmark's: its "## Performance" section and
// test/bench/RESULTS.md are what test/bench/results.json renders to (`npm run bench --
// --results` writes all three), so no figure there was typed by hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { README, readResults, renderPerformance, replaceSection, RESULTS_JSON, RESULTS_MD } from '../bench/results';

test('README.md and RESULTS.md hold the section results.json renders to', () => {
  assert.ok(fs.existsSync(RESULTS_JSON), 'test/bench/results.json is written by npm run bench -- --results');
  const section = renderPerformance(readResults());
  assert.equal(fs.readFileSync(RESULTS_MD, 'utf8'), section);
  const readme = fs.readFileSync(README, 'utf8');
  assert.equal(replaceSection(readme, section), readme, 'the README section differs from the rendered results');
});

test('the rendered section names the folder scenario and the peer\'s validation delay', () => {
  const r = readResults();
  const section = renderPerformance(r);
  assert.ok(r.parts.lsp, 'the language-server part was measured');
  assert.match(section, /export-rules, folder \|/);
  // (the text is wrapped: any whitespace between the words)
  assert.match(section, new RegExp(`a fixed ${r.parts.lsp.peer.validationDelayMs} ms after each open or change`.replace(/ /g, '\\s+')));
  assert.match(section, /didOpen to first diagnostics \(syntax \+ schema\)/);
  assert.match(section, /didOpen to full diagnostics \(every domain check\)/);
});

test('replaceSection swaps the Performance section only', () => {
  const text = '# T\n\n## A\n\na\n\n## Performance\n\nold\n\n## B\n\nb\n';
  assert.equal(replaceSection(text, '## Performance\n\nnew\n'), '# T\n\n## A\n\na\n\n## Performance\n\nnew\n\n## B\n\nb\n');
  assert.throws(() => replaceSection('# no section\n', 'x'), /no "## Performance" section/);
});
