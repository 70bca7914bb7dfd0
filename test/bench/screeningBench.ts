// Restricted-party screening figures for `npm run bench` (its own module, beside the LSP, engine
// and CLI suites): the embedded index ready at start, time per name, `screen --batch` over
// 10,000 names, and the memory the lists add. Everything runs on the built bundle
// (dist/server/cli.js) in child processes, as a user or the server would run it. Names are
// those of the evaluation set (test/eval/screening): listed names with variations, and clean
// names, in a fixed shuffled order, repeated up to the count needed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './cliBench';
import { repoRoot } from './lspBench';
import type { Row } from './report';
import { round } from './stats';

export interface ScreeningBenchResult {
  /** Loading the embedded list and building its index, in a fresh process, first screening included. */
  readyMs: number;
  /** The same in CPU time (the machine is shared: wall times carry the others' load). */
  readyCpuMs: number;
  /** CPU time per name, mean. */
  meanCpuMs: number;
  /** Per name, warm, over `names` names. */
  medianMs: number;
  p95Ms: number;
  names: number;
  /** Heap and external memory added by the lists and their index (after a collection). */
  extraHeapMb: number;
  extraRssMb: number;
  batch: { lines: number; seconds: number; peakRssMb: number | undefined; outputLines: number; exitCode: number | null };
}

function evalNames(count: number): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'test/eval/screening/eval-set.jsonl'), 'utf8').split('\n').filter(Boolean);
  const inputs = lines.map((l) => (JSON.parse(l) as { input: string }).input);
  // a fixed shuffle (no Math.random: the same names every run)
  let s = 42;
  const r = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = inputs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [inputs[i], inputs[j]] = [inputs[j], inputs[i]];
  }
  const out: string[] = [];
  while (out.length < count) out.push(...inputs.slice(0, count - out.length));
  return out;
}

// Runs in a child on the bundle: the first screening (list loaded and indexed), then many.
const CHILD = `
const cli = require(process.argv[1]);
const names = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const io = { out() { return true; }, err(s) { process.stderr.write(s); }, cwd: process.cwd(), stdin: process.stdin };
(async () => {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  global.gc(); const m0 = process.memoryUsage();
  let t = performance.now(); let c = cpu();
  await cli.main(['screen', '--name', 'warm up', '--json'], io);
  const readyMs = performance.now() - t; const readyCpuMs = cpu() - c;
  global.gc(); const m1 = process.memoryUsage();
  const times = [];
  c = cpu();
  for (const n of names) { t = performance.now(); await cli.main(['screen', '--name', n, '--json'], io); times.push(performance.now() - t); }
  const meanCpuMs = (cpu() - c) / names.length;
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ readyMs, readyCpuMs, meanCpuMs, medianMs: times[times.length >> 1], p95Ms: times[Math.floor(times.length * 0.95)],
    extraHeapMb: (m1.heapUsed + m1.external - m0.heapUsed - m0.external) / 1048576, extraRssMb: (m1.rss - m0.rss) / 1048576 }));
})();
`;

export async function screeningBench(dir: string, log: (s: string) => void): Promise<ScreeningBenchResult> {
  const bundle = path.join(repoRoot, 'dist/server/cli.js');
  const namesFile = path.join(dir, 'screening-names.json');
  const sample = evalNames(3000);
  fs.writeFileSync(namesFile, JSON.stringify(sample));
  const child = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '-e', CHILD, bundle, namesFile], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 }),
  ) as Omit<ScreeningBenchResult, 'names' | 'batch'>;
  log(`  screening: ready ${Math.round(child.readyMs)} ms, median ${child.medianMs.toFixed(2)} ms per name, +${Math.round(child.extraHeapMb)} MB heap`);
  const batchFile = path.join(dir, 'screening-batch-10000.csv');
  fs.writeFileSync(
    batchFile,
    `name\n${evalNames(10_000)
      .map((n) => `"${n.replace(/"/g, '""')}"`)
      .join('\n')}\n`,
  );
  const run = await runCli(['screen', '--batch', batchFile], dir);
  const batch = {
    lines: 10_000,
    seconds: round(run.ms / 1000, 2),
    peakRssMb: run.peakRssKb === undefined ? undefined : Math.round(run.peakRssKb / 1024),
    outputLines: run.stdoutLines,
    exitCode: run.exitCode,
  };
  log(`  screen --batch 10,000 names: ${batch.seconds} s, exit ${batch.exitCode}, ${batch.outputLines} lines out`);
  return { ...child, names: sample.length, batch };
}

export function screeningRows(r: ScreeningBenchResult): Row[] {
  return [
    {
      metric: 'screening: embedded list indexed, first name screened (fresh process)',
      ours: round(r.readyMs, 0),
      unit: 'ms',
      target: '< 1,000 ms',
      met: r.readyMs < 1000,
    },
    {
      metric: `screening: time per name, median (${r.names.toLocaleString('en-US')} names)`,
      ours: round(r.medianMs, 2),
      unit: 'ms',
      target: '< 2 ms',
      met: r.medianMs < 2,
    },
    { metric: 'screening: time per name, p95', ours: round(r.p95Ms, 2), unit: 'ms' },
    { metric: 'screening: CPU per name, mean; index ready, CPU', ours: `${round(r.meanCpuMs, 2)} ms; ${round(r.readyCpuMs, 0)} ms`, unit: '' },
    {
      metric: 'screen --batch, 10,000 names (wall)',
      ours: r.batch.seconds,
      unit: 's',
      target: '< 20 s',
      met: r.batch.seconds < 20 && r.batch.exitCode === 0 && r.batch.outputLines === r.batch.lines,
    },
    { metric: 'screen --batch peak memory', ours: r.batch.peakRssMb, unit: 'MB' },
    { metric: 'screening: memory the lists add (heap + external)', ours: round(r.extraHeapMb, 0), unit: 'MB', target: '< 150 MB', met: r.extraHeapMb < 150 },
    { metric: 'screening: memory the lists add (resident)', ours: round(r.extraRssMb, 0), unit: 'MB', target: '< 150 MB', met: r.extraRssMb < 150 },
  ];
}
