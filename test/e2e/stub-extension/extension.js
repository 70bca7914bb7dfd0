// A stand-in for the real extension with the same contract (language id, commands, diagnostic
// codes, completion, hover, definition, result webview, test controller), answering from
// regular expressions and a fixed table. It exists only so that the e2e harness (selectors,
// payloads, the mocha runner) can be checked on its own: `node test/e2e/run.mjs --stub`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS extension, no build step
const vscode = require('vscode');

const ECCNS = { '5A991': 'Telecommunication equipment, not controlled by 5A001', '5A992': 'Equipment not controlled by 5A002',
  '7A994': 'Other navigation direction finding equipment', '3A001': 'Electronic items', '3A991': 'Electronic devices',
  '4A994': 'Computers', '5A002': 'Information security systems', '5D992': 'Information security software',
  '6A003': 'Cameras', '9A991': 'Aircraft', EAR99: 'Items subject to the EAR that are not listed on the CCL' };
const COUNTRIES = { RU: 'Russia', BY: 'Belarus', CA: 'Canada', KP: 'North Korea', CU: 'Cuba', IR: 'Iran', SY: 'Syria',
  DE: 'Germany', FR: 'France', JP: 'Japan', UA: 'Ukraine', CN: 'China' };
const DECISIONS = { RU: 'license-required', BY: 'license-required', CA: 'no-license-required', KP: 'prohibited' };
const DECIDING = { RU: 'ru-by-all-ccl', BY: 'ru-by-all-ccl', CA: 'ca-telecom-nlr', KP: 'embargoed-destinations' };
// [regex on a line, code, message, group of the match to mark]
const CHECKS = [
  [/^\s*(titel):/, 'unknown-property', 'Unknown key `titel` in a rule; did you mean `title`?'],
  [/decision: (licence-required)/, 'invalid-value', '`licence-required` is not a decision; use prohibited, license-required or no-license-required'],
  [/^\s*- id: (kp-computers)/, 'missing-property', 'This rule has no `citation`: say where the rule comes from'],
  [/eccn: (5A999)/, 'unknown-eccn', 'ECCN 5A999 is not on the Commerce Control List'],
  [/country: (XZ)/, 'unknown-country', 'XZ is not a country or region code'],
  [/review: (@)/, 'yaml-syntax', 'A plain value cannot start with @; put the text in quotes'],
  [/^\s*- name: (deliberately wrong expectation)/, 'failing-test', 'Test fails: expected prohibited, got license-required'],
];

function diagnose(doc) {
  const out = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    for (const [re, code, message] of CHECKS) {
      const m = re.exec(text);
      if (!m) continue;
      const start = m.index + m[0].indexOf(m[1]);
      const d = new vscode.Diagnostic(new vscode.Range(i, start, i, start + m[1].length), message, vscode.DiagnosticSeverity.Error);
      d.source = 'export-rules'; d.code = code; out.push(d);
    }
  }
  return out;
}

async function decide(destination) {
  const decision = DECISIONS[destination] || 'no-license-required';
  const rule = DECIDING[destination];
  const [uri] = await vscode.workspace.findFiles('rules.ecr.yaml');
  const doc = uri && await vscode.workspace.openTextDocument(uri);
  const at = doc ? doc.positionAt(doc.getText().indexOf(`id: ${rule}`) + 4) : new vscode.Position(0, 0);
  const range = { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + String(rule).length } };
  return { decision, destination: { code: destination, name: COUNTRIES[destination] || destination },
    matched: rule ? [{ rule, ruleset: 'e2e-rules', decision, deciding: true, uri: uri ? uri.toString() : '', range }] : [],
    noRuleApplied: !rule, dataAsOf: 'eCFR as of 2026-07-23 / 2026-09-24', notice: 'Reference only, not legal advice.' };
}

function activate(context) {
  const sel = { language: 'export-rules' };
  const coll = vscode.languages.createDiagnosticCollection('export-rules');
  const refresh = (doc) => { if (doc.languageId === 'export-rules') coll.set(doc.uri, diagnose(doc)); };
  vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(coll, vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)));

  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(sel, {
    provideCompletionItems(doc, pos) {
      const before = doc.lineAt(pos.line).text.slice(0, pos.character);
      const table = /eccn:\s*\S*$/.test(before) ? ECCNS : /(country|destination):\s*\S*$/.test(before) ? COUNTRIES : null;
      if (!table) return [];
      return Object.entries(table).map(([code, title]) => {
        const item = new vscode.CompletionItem({ label: code, description: title }, vscode.CompletionItemKind.Value);
        item.detail = title;
        return item;
      });
    },
  }, ' ', ':'));

  context.subscriptions.push(vscode.languages.registerHoverProvider(sel, {
    provideHover(doc, pos) {
      const range = doc.getWordRangeAtPosition(pos, /[A-Z0-9]+/);
      if (!range) return undefined;
      const w = doc.getText(range);
      const text = ECCNS[w] ? `**${w}** ${ECCNS[w]}` : COUNTRIES[w] ? `**${w}** ${COUNTRIES[w]}` : undefined;
      return text && new vscode.Hover(new vscode.MarkdownString(text), range);
    },
  }));

  context.subscriptions.push(vscode.languages.registerDefinitionProvider(sel, {
    async provideDefinition(doc, pos) {
      const m = /regime:\s*([\w-]+)/.exec(doc.lineAt(pos.line).text);
      if (!m) return undefined;
      for (const uri of await vscode.workspace.findFiles('**/*.ecr.yaml')) {
        const other = await vscode.workspace.openTextDocument(uri);
        for (let i = 0; i < other.lineCount; i++) {
          const k = other.lineAt(i).text.indexOf(`${m[1]}:`);
          if (k >= 0 && /^\s*$/.test(other.lineAt(i).text.slice(0, k))) return new vscode.Location(uri, new vscode.Range(i, k, i, k + m[1].length));
        }
      }
      return undefined;
    },
  }));

  context.subscriptions.push(vscode.commands.registerCommand('exportRules.checkItem', async (args) => {
    let input = args;
    if (!input) {
      const item = await vscode.window.showQuickPick(Object.entries(ECCNS).map(([label, detail]) => ({ label, detail })), { title: 'Check Item: item', placeHolder: 'ECCN or product' });
      if (!item) return undefined;
      const dest = await vscode.window.showQuickPick(Object.entries(COUNTRIES).map(([label, description]) => ({ label, description })), { title: 'Check Item: destination', placeHolder: 'Destination country' });
      if (!dest) return undefined;
      input = { item: { eccn: item.label }, destination: dest.label };
    }
    const result = await decide(input.destination);
    const panel = vscode.window.createWebviewPanel('exportRules.result', 'Export Rules: Result', vscode.ViewColumn.Beside, {});
    panel.webview.html = `<!DOCTYPE html><html><body><h1>${result.decision}</h1><p>${input.item.eccn} to ${input.destination}</p>` +
      `<ul>${result.matched.map((m) => `<li>${m.rule}</li>`).join('')}</ul><p>${result.dataAsOf}. ${result.notice}</p></body></html>`;
    return result;
  }));

  const ctrl = vscode.tests.createTestController('exportRules', 'Export Rules');
  context.subscriptions.push(ctrl);
  const runAll = async () => {
    const results = [];
    const run = ctrl.createTestRun(new vscode.TestRunRequest());
    for (const uri of await vscode.workspace.findFiles('**/*.ecr.yaml')) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const file = ctrl.createTestItem(uri.toString(), uri.path.split('/').pop(), uri);
      ctrl.items.add(file);
      for (let i = 0; i < doc.lineCount; i++) {
        const m = /^\s*- name: (.*)$/.exec(doc.lineAt(i).text);
        if (!m) continue;
        const t = ctrl.createTestItem(`${uri}#${m[1]}`, m[1], uri);
        t.range = new vscode.Range(i, 0, i, 0);
        file.children.add(t);
        const passed = !/deliberately/.test(m[1]);
        if (passed) run.passed(t); else run.failed(t, new vscode.TestMessage('expected prohibited, got license-required'));
        results.push({ name: m[1], passed, message: passed ? 'passed' : 'expected prohibited, got license-required' });
      }
    }
    run.end();
    return results;
  };
  ctrl.createRunProfile('Run', vscode.TestRunProfileKind.Run, () => runAll(), true);
  context.subscriptions.push(vscode.commands.registerCommand('exportRules.runRuleTests', runAll),
    vscode.commands.registerCommand('exportRules.restartServer', () => undefined));
  console.log('export-rules stub activated');
}

module.exports = { activate, deactivate() {} };
