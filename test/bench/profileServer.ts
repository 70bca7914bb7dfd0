// Profiles this server through one benchmark session: `node --import tsx test/bench/profileServer.ts 5000`
// writes a .cpuprofile of the server process to test-results/bench/profiles/ (open it in
// Chrome DevTools or summarize it), so a missed target can be traced to its cause.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateRules } from './generate';
import { oursSpec, repoRoot, runSession } from './lspBench';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 5000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-prof-'));
  const out = path.join(repoRoot, 'test-results/bench/profiles');
  fs.mkdirSync(out, { recursive: true });
  const gen = generateRules(size);
  const file = path.join(dir, `rules-${size}.ecr.yaml`);
  fs.writeFileSync(file, gen.text);
  const spec = oursSpec();
  spec.args = ['--cpu-prof', `--cpu-prof-dir=${out}`, ...spec.args];
  const r = await runSession(spec, file, gen, { openTimeoutMs: 600_000, edits: 3, samples: { min: 5, max: 10, budgetMs: 5_000 } });
  process.stdout.write(`${JSON.stringify({ open: r.firstDiagnosticsMs, edits: r.editMs, rssMb: (r.peakRssKb ?? 0) / 1024, errors: r.errors })}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`profile in ${out}\n`);
}

void main();
