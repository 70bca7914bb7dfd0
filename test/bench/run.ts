// The benchmark suite: `npm run bench` (builds first). Generates rule files of 1,000, 5,000
// and 20,000 rules and a product master into a temp folder, drives this server and
// yaml-language-server through the same LSP client, times the engine and the CLI, measures
// activation and the packaged size, prints one table with each target met or missed, and
// writes the figures as JSON to test-results/bench/.
//
// Options: --sizes=1000,5000  --runs=5  --runs-large=3 (runs at 20,000 rules)  --only=lsp,engine,cli,activation,package
//          --quick (1,000 rules, 2 runs)  --keep (keep the temp folder)
//          --results (also write test/bench/RESULTS.md, the section the README quotes)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { batchRun, runCli } from './cliBench';
import { engineBench, type EngineResult } from './engineBench';
import { checkWithExceptionsBench, exceptionsBench, type CheckWithExceptionsResult, type ExceptionsBenchResult } from './exceptionsBench';
import { matrixBench, type MatrixResult } from './matrixBench';
import { generateProducts, generateRules } from './generate';
import { oursSpec, repoRoot, runSession, yamlLsSpec, type SessionResult } from './lspBench';
import { allWorked, figures, lspRows, table, TARGET_SIZE, type Row, type SizeSummary } from './report';
import { median, round } from './stats';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const quick = args.has('quick');
const sizes = (args.get('sizes') ?? (quick ? '1000' : '1000,5000,20000')).split(',').map(Number);
const runs = Number(args.get('runs') ?? (quick ? 2 : 5));
const runsLarge = Number(args.get('runs-large') ?? (quick ? 2 : 3));
const only = new Set((args.get('only') ?? 'lsp,engine,cli,activation,package').split(','));
const log = (s: string) => process.stderr.write(`${s}\n`);

async function lspSuite(dir: string): Promise<SizeSummary[]> {
  const out: SizeSummary[] = [];
  for (const size of sizes) {
    const gen = generateRules(size);
    const file = path.join(dir, `rules-${size}.ecr.yaml`);
    fs.writeFileSync(file, gen.text);
    const n = size >= 20_000 ? runsLarge : runs;
    const ours: SessionResult[] = [];
    const peer: SessionResult[] = [];
    const opts = { openTimeoutMs: 600_000, edits: 3, samples: { min: 5, max: 30, budgetMs: size >= 20_000 ? 20_000 : 15_000 } };
    for (let i = 0; i < n; i++) {
      // interleaved, so drifting machine load falls on both servers alike
      for (const [spec, into] of [
        [oursSpec(), ours],
        [yamlLsSpec(), peer],
      ] as const) {
        const r = await runSession(spec, file, gen, opts);
        into.push(r);
        log(`  ${size} rules, run ${i + 1}/${n}, ${spec.name}: open ${Math.round(r.firstDiagnosticsMs)} ms, edit ${Math.round(median(r.editMs))} ms${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`);
      }
    }
    out.push({
      size,
      runs: { ours: ours.length, peer: peer.length },
      ours: figures(ours),
      peer: figures(peer),
      works: { ours: allWorked(ours), peer: allWorked(peer) },
      errors: { ours: ours.flatMap((r) => r.errors), peer: peer.flatMap((r) => r.errors) },
      codes: { ours: ours[0]?.codes ?? {}, peer: peer[0]?.codes ?? {} },
    });
  }
  return out;
}

interface CliResult {
  validate20k: { seconds: number; exitCode: number | null; peakRssMb: number | undefined; findings: number };
  batch: Awaited<ReturnType<typeof batchRun>>[];
}

async function cliSuite(dir: string): Promise<CliResult> {
  const big = path.join(dir, 'validate', 'rules-20000.ecr.yaml');
  fs.mkdirSync(path.dirname(big), { recursive: true });
  fs.writeFileSync(big, generateRules(20_000).text);
  const v = await runCli(['validate', big], dir);
  log(`  validate 20,000 rules: ${Math.round(v.ms)} ms, exit ${v.exitCode}`);
  const rules = path.join(dir, 'batch-rules', 'rules-10000.ecr.yaml');
  fs.mkdirSync(path.dirname(rules), { recursive: true });
  fs.writeFileSync(rules, generateRules(10_000, 0).text);
  const batch = [];
  for (const lines of [100_000, 1_000_000]) {
    const b = await batchRun(dir, rules, lines);
    log(`  check --batch ${lines} lines: ${b.seconds} s, ${b.linesPerSecond}/s, peak ${b.peakRssMb} MB`);
    batch.push(b);
  }
  return { validate20k: { seconds: round(v.ms / 1000, 2), exitCode: v.exitCode, peakRssMb: v.peakRssKb === undefined ? undefined : round(v.peakRssKb / 1024), findings: v.stdoutLines }, batch };
}

interface Activation {
  medianMs: number;
  samples: number[];
  error?: string;
}

function activation(bundleRoot: string): Activation {
  const script = path.join(bundleRoot, 'test/bench/activation.js');
  const samples: number[] = [];
  let error: string | undefined;
  for (let i = 0; i < 7; i++) {
    const r = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as { totalMs: number; activateError?: string };
    if (r.activateError) error = r.activateError.split('\n')[0];
    samples.push(round(r.totalMs));
  }
  return { medianMs: round(median(samples)), samples, error };
}

interface PackageResult {
  bytes?: number;
  files?: number;
  activation?: Activation;
  error?: string;
  vscodeignore: boolean;
}

/** Packages a copy of the checkout (the production build must not replace the shared dist/). */
function packageSize(): PackageResult {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-pack-'));
  try {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!fs.existsSync(path.join(repoRoot, f))) continue;
      fs.mkdirSync(path.join(copy, path.dirname(f)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, f), path.join(copy, f));
    }
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: copy, stdio: 'pipe' });
    const vsix = path.join(copy, 'x.vsix');
    // README links are relative and the manifest names no repository: vsce needs a base URL
    const base = 'https://example.invalid/export-control-rules';
    const out = execFileSync(
      path.join(repoRoot, 'node_modules/.bin/vsce'),
      ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--baseContentUrl', base, '--baseImagesUrl', base, '-o', vsix],
      { cwd: copy, encoding: 'utf8', stdio: 'pipe' },
    );
    const m = /Packaged: .*\((\d+) files/.exec(out);
    return { bytes: fs.statSync(vsix).size, files: m ? Number(m[1]) : undefined, activation: activation(copy), vscodeignore: fs.existsSync(path.join(copy, '.vscodeignore')) };
  } catch (err) {
    const e = err as { stderr?: Buffer | string; message?: string };
    return { error: String(e.stderr ?? e.message).slice(0, 800), vscodeignore: fs.existsSync(path.join(repoRoot, '.vscodeignore')) };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

interface ExceptionFigures {
  checks: CheckWithExceptionsResult;
  evaluator: ExceptionsBenchResult;
}

function targetRows(lsp: SizeSummary[], engine?: EngineResult, cli?: CliResult, act?: Activation, pack?: PackageResult, matrix?: MatrixResult, exceptions?: ExceptionFigures): Row[] {
  const rows: Row[] = [];
  for (const s of lsp) {
    rows.push(...lspRows(s));
    const broken = Object.entries(s.works.ours).filter(([, ok]) => !ok).map(([k]) => k);
    const peerBroken = Object.entries(s.works.peer).filter(([, ok]) => !ok).map(([k]) => k);
    const row: Row = { metric: 'features working', size: s.size, ours: broken.length ? `not: ${broken.join(', ')}` : 'all', peer: peerBroken.length ? `not: ${peerBroken.join(', ')}` : 'all', unit: '' };
    if (s.size === 20_000) {
      const measured = Object.values(s.ours).every(Number.isFinite);
      row.target = 'all measured, all working';
      row.met = measured && broken.length === 0;
    }
    rows.push(row);
  }
  if (engine) {
    rows.push({ metric: `single check p50 (${engine.rules.toLocaleString('en-US')} rules)`, ours: engine.checkP50Us, unit: 'µs', target: '<= 50 µs', met: engine.checkP50Us <= 50 });
    rows.push({ metric: 'single check p99', ours: engine.checkP99Us, unit: 'µs' });
    rows.push({ metric: `single check p50, starter pack (${engine.pack.rules} rules)`, ours: engine.pack.checkP50Us, unit: 'µs', target: '<= 50 µs', met: engine.pack.checkP50Us <= 50 });
    rows.push({ metric: `batch (${engine.batch.products} products x ${engine.batch.destinations} destinations, ${engine.batch.matchedPerCheck} rules per answer, exceptions as check --batch asks)`, ours: engine.batch.checksPerSecond, unit: 'checks/s', target: '>= 100,000/s', met: engine.batch.checksPerSecond >= 100_000 });
  }
  if (exceptions) {
    const c = exceptions.checks;
    const e = exceptions.evaluator;
    rows.push({ metric: `single check p50 with licence exceptions, starter pack (value given; ${Math.round(c.licenceShare * 100)} % license-required, ${c.exceptionsPerLicence} exceptions each)`, ours: c.checkP50Us, unit: 'µs', target: '<= 50 µs', met: c.checkP50Us <= 50 });
    rows.push({ metric: 'single check p50 with licence exceptions, license-required answers only', ours: c.licenceCheckP50Us, unit: 'µs' });
    rows.push({ metric: `batch with licence exceptions (${c.batch.products} products with values x ${c.batch.destinations} destinations, starter pack, as check --batch asks)`, ours: c.batch.checksPerSecond, unit: 'checks/s', target: '>= 100,000/s', met: c.batch.checksPerSecond >= 100_000 });
    rows.push({ metric: 'the same batch, every exception evaluated', ours: c.batchAll.checksPerSecond, unit: 'checks/s' });
    rows.push({ metric: 'the same batch without the exception evaluation', ours: c.batchNone.checksPerSecond, unit: 'checks/s' });
    rows.push({ metric: `licence-exception evaluation alone p50 (${e.queries.toLocaleString('en-US')} queries)`, ours: e.evaluateP50Us, unit: 'µs' });
    rows.push({ metric: 'de minimis alone p50', ours: e.deMinimis.p50Us, unit: 'µs' });
  }
  if (matrix) {
    rows.push({ metric: `decision matrix after an edit (${matrix.products} products x ${matrix.destinations} destinations, starter pack)`, ours: matrix.recomputeMs, unit: 'ms', target: '< 100 ms', met: matrix.recomputeMs < 100 });
  }
  if (cli) {
    rows.push({ metric: 'validate, 20,000 rules (wall)', ours: cli.validate20k.seconds, unit: 's' });
    const [small, large] = cli.batch;
    for (const b of cli.batch) rows.push({ metric: `check --batch, ${b.lines.toLocaleString('en-US')} lines`, ours: b.linesPerSecond, unit: 'lines/s' });
    if (small && large && small.peakRssMb !== undefined && large.peakRssMb !== undefined) {
      rows.push({
        metric: 'check --batch peak memory, 100k -> 1M lines',
        ours: `${small.peakRssMb} -> ${large.peakRssMb} MB`,
        unit: '',
        target: 'constant (<= 1.2x)',
        met: large.peakRssMb <= small.peakRssMb * 1.2,
      });
    }
  }
  if (act) rows.push({ metric: 'activation (require + activate, dev build)', ours: act.medianMs, unit: 'ms', target: '<= 100 ms', met: act.medianMs <= 100 });
  if (pack?.activation) rows.push({ metric: 'activation (require + activate, production build)', ours: pack.activation.medianMs, unit: 'ms', target: '<= 100 ms', met: pack.activation.medianMs <= 100 });
  if (pack) rows.push({ metric: 'packaged extension (.vsix)', ours: pack.bytes === undefined ? `failed: ${pack.error?.split('\n')[0]}` : round(pack.bytes / 1024 / 1024, 2), unit: 'MB', target: '<= 3 MB', met: pack.bytes !== undefined && pack.bytes <= 3 * 1024 * 1024 });
  return rows;
}

function resultsMarkdown(text: string, machine: { node: string; cores: number; cpu?: string; loadAvgAtEnd: number[] }, started: Date, o: { sizes: number[]; runs: number; runsLarge: number }): string {
  return `## Performance

Measured by \`npm run bench\` on ${started.toISOString().slice(0, 10)}: ${machine.cores} cores (${machine.cpu ?? 'unknown CPU'}), Node ${machine.node}, load average ${machine.loadAvgAtEnd.join(' / ')} at the end (other work was running).
Generated rule files of ${o.sizes.map((n) => n.toLocaleString('en-US')).join(', ')} rules (about 8 lines each, real ECCNs and countries, 3 planted errors), opened in this
server and in yaml-language-server 2.0.0 with our JSON schema, one after the other through the same LSP client; each
figure is the median over ${o.runs} cold sessions (${o.runsLarge} at 20,000 rules, where the peer takes seconds per request), a p95 being
taken within each session first. Ratios are this server / yaml-language-server; our figures include every domain check.
Targets apply at 5,000 rules. The engine figures are in-process with 10,000 rules; the CLI runs as a child process.

${text}

Reproduce: \`npm run bench\` (add \`-- --results\` to rewrite this section; raw figures in \`test-results/bench/\`).
`;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-bench-'));
  const started = new Date();
  log(`benchmark in ${dir} (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  fs.writeFileSync(path.join(dir, 'products-10000.ecr.yaml'), generateProducts(10_000));
  try {
    let lsp: SizeSummary[] = [];
    let engine: EngineResult | undefined;
    let matrix: MatrixResult | undefined;
    let exceptions: ExceptionFigures | undefined;
    let cli: CliResult | undefined;
    let act: Activation | undefined;
    let pack: PackageResult | undefined;
    if (only.has('lsp')) {
      log('language servers');
      lsp = await lspSuite(dir);
    }
    if (only.has('engine')) {
      log('engine');
      engine = engineBench({ rules: 10_000, products: 10_000, checks: 20_000, batchProducts: 1_000 });
      matrix = matrixBench();
      log(`  decision matrix after an edit: ${matrix.recomputeMs} ms (${matrix.products} x ${matrix.destinations})`);
      log('  licence exceptions and de minimis');
      exceptions = { checks: checkWithExceptionsBench({ checks: 20_000, products: 1_000 }), evaluator: exceptionsBench({ checks: 20_000, batch: 100_000 }) };
    }
    if (only.has('cli')) {
      log('cli');
      cli = await cliSuite(dir);
    }
    if (only.has('activation')) act = activation(repoRoot);
    if (only.has('package')) {
      log('package');
      pack = packageSize();
    }
    const rows = targetRows(lsp, engine, cli, act, pack, matrix, exceptions);
    const text = table(rows);
    process.stdout.write(`\n${text}\n\n`);
    const machine = { node: process.version, cores: os.cpus().length, cpu: os.cpus()[0]?.model, loadAvgAtEnd: os.loadavg().map((l) => round(l, 2)), platform: `${os.platform()} ${os.release()}` };
    const result = { started: started.toISOString(), machine, options: { sizes, runs, runsLarge, targetSize: TARGET_SIZE }, rows, lsp, engine, matrix, exceptions, cli, activation: act, package: pack, table: text };
    const outDir = path.join(repoRoot, 'test-results/bench');
    fs.mkdirSync(outDir, { recursive: true });
    const name = `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`;
    fs.writeFileSync(path.join(outDir, name), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    log(`written test-results/bench/${name}`);
    if (args.has('results')) {
      fs.writeFileSync(path.join(repoRoot, 'test/bench/RESULTS.md'), resultsMarkdown(text, machine, started, { sizes, runs, runsLarge }));
      log('written test/bench/RESULTS.md');
    }
    const missed = rows.filter((r) => r.met === false).length;
    log(missed ? `${missed} target(s) missed` : 'every target met');
  } finally {
    if (!args.has('keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
