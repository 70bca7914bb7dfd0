// One cold opening of a large rule file in-process, as the server runs it (reference tables
// built and promoted as at initialize; the starter pack in `auto`, or layered with
// pack=always), phase by phase, in a new process each time: the figures an optimisation of the
// first open is judged by, without LSP in between.
//   npx esbuild test/bench/openCold.ts --bundle --platform=node --outfile=dist/server/open-cold.js
//   node --import tsx test/bench/abOpen.ts 9 dist/server/open-cold.js [other-bundle.js ...] [-- rules=5000 pack=always]
// (the bundle goes in dist/server/, beside starter-pack.json, as the server's does). Prints one
// JSON line: milliseconds of `quick` (syntax and schema: what the first publish waits for),
// `tree` (made off the tape), `ruleSet`, `engine`, `domain` (every domain check) and `full`
// (their sum). On this 2-core machine medians move by 10% between minutes: compare builds in
// one abOpen run, never with an earlier run's figures.
import { generateRules } from './generate';
import { getCatalog } from '../../server/src/catalog/catalog';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { bundledStarterPack } from '../../server/src/workspace/starterPack';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import { prepareForFirstFile } from '../../server/src/startup';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const rules = Number(arg('rules') ?? 5000);
// `pack=always`: the starter pack layered under the file (the benchmark's folder+pack scenario)
const pack = arg('pack') === 'always' ? 'always' : 'auto';
const text = generateRules(rules, 3, 1, 1).text;
// what the server does before it answers initialize (server.ts)
const catalog = getCatalog();
prepareForFirstFile(catalog, pack);

const ws = new RuleWorkspace(catalog);
ws.setStarterPack(bundledStarterPack, pack);
const lap = (() => {
  let t = performance.now();
  return () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return Math.round(ms * 10) / 10;
  };
})();
const doc = ws.set('file:///bench/rules.ecr.yaml', text, 1, true)!;
const quick = lap();
void doc.root;
const tree = lap();
void doc.ruleSet;
const ruleSet = lap();
ws.engine();
const engine = lap();
const problems = domainProblems(doc, ws, catalog);
const domain = lap();
process.stdout.write(`${JSON.stringify({ quick, tree, ruleSet, engine, domain, full: Math.round((quick + tree + ruleSet + engine + domain) * 10) / 10, findings: doc.problems.length + problems.length })}\n`);
