// The CLI as a user runs it (bin/export-rules.js over dist/): `validate` on a large rule file
// (wall time) and `check --batch` over many lines (throughput and the child's peak memory,
// sampled from /proc while it runs).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import { rng } from './generate';
import { repoRoot } from './lspBench';
import { round } from './stats';

const BIN = path.join(repoRoot, 'bin/export-rules.js');

export interface ChildRun {
  ms: number;
  exitCode: number | null;
  peakRssKb: number | undefined;
  stdoutLines: number;
  stderr: string;
}

/** Runs the CLI with stdout counted (not kept), polling VmHWM until it exits. */
export function runCli(args: string[], cwd: string): Promise<ChildRun> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    let peak: number | undefined;
    child.stdout.on('data', (b: Buffer) => {
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak ?? 0, Number(m[1]));
      } catch {
        // exited between polls
      }
    }, 50);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - t, exitCode: code, peakRssKb: peak, stdoutLines: lines, stderr });
    });
  });
}

/** A batch file of `lines` lines: ECCN (sometimes a paragraph) and a country, CSV. */
export async function writeBatchFile(file: string, lines: number): Promise<void> {
  const catalog = getCatalog();
  const r = rng(99);
  const eccns = catalog.data.eccns.map((e) => e.code);
  const countries = catalog.data.destinations.filter((d) => !d.notAnExport && !d.unanswerable).map((d) => d.code);
  const out = fs.createWriteStream(file);
  let chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    chunk.push(`${eccns[Math.floor(r() * eccns.length)]},${countries[Math.floor(r() * countries.length)]}\n`);
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join(''))) await new Promise<void>((res) => out.once('drain', () => res()));
      chunk = [];
    }
  }
  out.end(chunk.join(''));
  await new Promise<void>((res) => out.on('finish', () => res()));
}

export interface BatchResult {
  lines: number;
  seconds: number;
  linesPerSecond: number;
  peakRssMb: number | undefined;
  outputLines: number;
  exitCode: number | null;
}

export async function batchRun(dir: string, rulesFile: string, lines: number): Promise<BatchResult> {
  const file = path.join(dir, `batch-${lines}.csv`);
  if (!fs.existsSync(file)) await writeBatchFile(file, lines);
  const run = await runCli(['check', '--batch', file, '--rules', rulesFile], dir);
  return {
    lines,
    seconds: round(run.ms / 1000, 2),
    linesPerSecond: Math.round(lines / (run.ms / 1000)),
    peakRssMb: run.peakRssKb === undefined ? undefined : round(run.peakRssKb / 1024),
    outputLines: run.stdoutLines,
    exitCode: run.exitCode,
  };
}
