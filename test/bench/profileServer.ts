// Profiles this server through one benchmark session:
//   node --import tsx test/bench/profileServer.ts [rules=5000] [scenario=folder]
// writes a .cpuprofile of the server process to test-results/bench/profiles/ (open it in
// Chrome DevTools, or `node test/bench/summarizeProfile.mjs FILE` for the top functions), so a
// missed target can be traced to its cause. Scenarios as in the benchmark: folder,
// folder+pack, no-folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateRules } from './generate';
import { oursSpec, repoRoot, runSession, SCENARIOS, type Scenario } from './lspBench';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 5000);
  const scenario = SCENARIOS[(process.argv[3] ?? 'folder') as Scenario['name']];
  if (!scenario) throw new Error(`unknown scenario ${process.argv[3]}: ${Object.keys(SCENARIOS).join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-prof-'));
  const out = path.join(repoRoot, 'test-results/bench/profiles');
  fs.mkdirSync(out, { recursive: true });
  const gen = generateRules(size, 3, 1, 1);
  const file = path.join(dir, `rules-${size}.ecr.yaml`);
  fs.writeFileSync(file, gen.text);
  const spec = oursSpec(scenario);
  spec.args = ['--cpu-prof', `--cpu-prof-dir=${out}`, '--cpu-prof-interval=200', ...spec.args];
  const r = await runSession(spec, scenario, file, gen, { openTimeoutMs: 600_000, edits: 3, samples: { min: 5, max: 10, budgetMs: 5_000 } });
  const ms = (x: number) => Math.round(x);
  process.stdout.write(
    `${JSON.stringify({ scenario: scenario.name, quick: ms(r.quickDiagnosticsMs), full: ms(r.fullDiagnosticsMs), edits: r.editMs.map(ms), editsFull: r.editFullMs.map(ms), rssMb: ms((r.peakRssKb ?? 0) / 1024), errors: r.errors })}\n`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`profile in ${out}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
