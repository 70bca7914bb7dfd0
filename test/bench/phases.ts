// Where the opening of a large rule file goes, phase by phase, in-process (no LSP): parse,
// schema, typing, engine, each domain check, diagnostics. The medians of several runs, each
// with cold caches, as a server sees a file for the first time (the first run also with a
// cold JIT, as in a new server process):
//   node --import tsx test/bench/phases.ts [rules=5000] [runs=7] [--pack]
// A guide for optimising, beside test/bench/profileServer.ts; not part of `npm run bench`.
import { getCatalog } from '../../server/src/catalog/catalog';
import { analyzeRuleText } from '../../server/src/model/document';
import { parseRuleText, UnitCache } from '../../server/src/model/parse';
import { validateRuleTree } from '../../server/src/model/validate';
import { buildRuleSet } from '../../server/src/model/build';
import { createLineIndex } from '../../server/src/model/lines';
import { toDiagnostic, sortProblems } from '../../server/src/service/diagnostics';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import { generateRules } from './generate';
import { median } from './stats';

const size = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);
const pack = process.argv.includes('--pack');
const catalog = getCatalog();
validateRuleTree(null); // compiled once, as at initialize
const text = generateRules(size, 3, 1, 1).text;
const uri = 'file:///bench/rules.ecr.yaml';
const times = new Map<string, number[]>();
const time = <T>(name: string, fn: () => T): T => {
  const t = performance.now();
  const r = fn();
  times.set(name, [...(times.get(name) ?? []), performance.now() - t]);
  return r;
};
for (let i = 0; i < runs; i++) {
  time('lines', () => createLineIndex(text));
  const parsed = time('parse', () => parseRuleText(text, new UnitCache()));
  time('schema', () => validateRuleTree(parsed.root));
  time('ruleSet', () => buildRuleSet(uri, parsed.root, createLineIndex(text)));
  const doc = time('analyzeRuleText (all of the above)', () => analyzeRuleText(uri, text, 1, new UnitCache()));
  time('quick diagnostics (toDiagnostic + JSON)', () => JSON.stringify(sortProblems(doc.problems).map((p) => toDiagnostic(doc, p))));
  const ws = new RuleWorkspace(catalog);
  if (pack) ws.setStarterPack(loadStarterPack, 'always');
  ws.adopt(doc, true);
  time('ruleSet (typed, via doc)', () => doc.ruleSet);
  time('engine', () => ws.engine());
  const problems = time('domain checks', () => domainProblems(doc, ws, catalog));
  time('full diagnostics (toDiagnostic + JSON)', () => JSON.stringify(sortProblems([...doc.problems, ...problems]).map((p) => toDiagnostic(doc, p))));
}
console.log(`${(text.length / 1e6).toFixed(2)} MB, ${size} rules: the first run (cold, as in a new server process), the median of ${runs}`);
for (const [k, v] of times) console.log(`${v[0].toFixed(1).padStart(8)} ms ${median(v).toFixed(1).padStart(8)} ms  ${k}`);
