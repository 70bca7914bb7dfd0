// Completion, hover and go to definition through VS Code's own command layer, as the editor
// calls them. Positions come from the fixture text, so editing the fixture moves them along.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, hoverText, labelOf, openFixture, positionOf, textAround, waitFor } from './helpers';

const ECCN_LABEL = /^(\d[A-E]\d{3}|EAR99)$/;

/** The completion items at pos, once one of them is `expect` (a label or a test). */
async function completions(doc: vscode.TextDocument, pos: vscode.Position, expect: string | ((i: vscode.CompletionItem) => boolean)): Promise<vscode.CompletionItem[]> {
  const ok = typeof expect === 'string' ? (i: vscode.CompletionItem) => labelOf(i) === expect : expect;
  let last: string[] = [];
  return waitFor(async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    last = list.items.slice(0, 8).map(labelOf);
    return list.items.some(ok) ? list.items : undefined;
  }, 20_000, `completion ${typeof expect === 'string' ? expect : 'items'} at ${pos.line}:${pos.character}`)
    .catch((e: Error) => { throw new Error(`${e.message}; got ${last.join(', ') || 'nothing'}`); });
}

async function hover(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  return waitFor(async () => {
    const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hoverText(hs);
    return text.trim() ? text : undefined;
  }, 20_000, `a hover at ${pos.line}:${pos.character}`);
}

type Target = vscode.Location | vscode.LocationLink;
const targetUri = (t: Target) => ('targetUri' in t ? t.targetUri : t.uri);
const targetRange = (t: Target) => ('targetUri' in t ? (t.targetSelectionRange ?? t.targetRange) : t.range);

suite('language features', () => {
  let rules: vscode.TextDocument;
  suiteSetup(async () => {
    rules = await openFixture('rules.ecr.yaml');
    await activeExtension();
  });

  test('completion at an empty eccn: value lists ECCNs with their titles', async () => {
    // The server may cap a search over the whole catalog, so only look for many ECCNs here.
    const pos = positionOf(rules, '- eccn: 5A992', '- eccn: '.length);
    const items = await completions(rules, pos, (i) => ECCN_LABEL.test(labelOf(i)));
    const eccns = items.filter((i) => ECCN_LABEL.test(labelOf(i)));
    assert.ok(eccns.length >= 10, `only ${eccns.length} ECCN items`);
    assert.ok(eccns.every((i) => textAround(i).trim().length > 0), 'an ECCN item without its title');
  });

  test('completion after "eccn: 5A99" offers 5A992 with its title', async () => {
    const pos = positionOf(rules, '- eccn: 5A992', '- eccn: 5A99'.length);
    const items = await completions(rules, pos, '5A992');
    const item = items.find((i) => labelOf(i) === '5A992');
    assert.ok(item);
    assert.match(textAround(item), /Equipment not controlled by 5A002/);
  });

  test('completion at a country: value lists countries with their names', async () => {
    const empty = await completions(rules, positionOf(rules, '- country: CA', '- country: '.length), (i) => /^[A-Z]{2}$/.test(labelOf(i)));
    assert.ok(empty.filter((i) => /^[A-Z]{2}$/.test(labelOf(i))).length >= 10, 'fewer than 10 country codes offered');
    const items = await completions(rules, positionOf(rules, '- country: CA', '- country: C'.length), 'CA');
    const ca = items.find((i) => labelOf(i) === 'CA');
    assert.ok(ca);
    assert.match(textAround(ca), /Canada/);
  });

  test('completion at a test\'s destination: offers RU as Russia', async () => {
    const items = await completions(rules, positionOf(rules, 'destination: RU', 'destination: R'.length), 'RU');
    const ru = items.find((i) => labelOf(i) === 'RU');
    assert.ok(ru);
    assert.match(textAround(ru), /Russia/);
  });

  test('hover on an ECCN shows its title', async () => {
    const text = await hover(rules, positionOf(rules, '- eccn: 5A992', '- eccn: 5A'.length));
    assert.match(text, /5A992/);
    assert.match(text, /Equipment not controlled by 5A002/);
  });

  test('hover on a country shows its name', async () => {
    const text = await hover(rules, positionOf(rules, '- country: CA', '- country: C'.length));
    assert.match(text, /Canada/);
  });

  test('go to definition on a regime goes to its key in regimes.ecr.yaml', async () => {
    const regimes = await vscode.workspace.openTextDocument(rules.uri.with({ path: rules.uri.path.replace(/rules\.ecr\.yaml$/, 'regimes.ecr.yaml') }));
    for (const name of ['russia-belarus', 'comprehensive-embargo']) {
      const pos = positionOf(rules, `regime: ${name}`, 'regime: '.length + 3);
      const targets = await waitFor(async () => {
        const ts = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', rules.uri, pos);
        return ts.length ? ts : undefined;
      }, 20_000, `a definition of ${name}`);
      const key = positionOf(regimes, `  ${name}:`, 2);
      const hit = targets.find((t) => targetUri(t).path.endsWith('/regimes.ecr.yaml') && targetRange(t).start.line === key.line);
      assert.ok(hit, `${name}: got ${targets.map((t) => `${targetUri(t).path}:${targetRange(t).start.line}`).join(', ')}, want regimes.ecr.yaml:${key.line}`);
      assert.equal(targetRange(hit).start.character, key.character);
    }
  });
});
