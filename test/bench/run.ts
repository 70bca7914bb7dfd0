// The benchmark suite: `npm run bench` (builds first). Generates rule files of 1,000, 5,000
// and 20,000 rules and a product master into a temp folder, drives this server and
// yaml-language-server through the same LSP client as VS Code uses them (the file's folder
// open, the file on disk; with and without the starter pack layered), times the engine and
// the CLI, measures activation and the packaged size, prints the tables with each target met
// or missed, and writes the figures as JSON to test-results/bench/.
//
// Options: --sizes=1000,5000  --runs=5  --runs-large=3 (runs at 20,000 rules)  --only=lsp,engine,cli,activation,package,screening
//          --scenarios=folder,folder+pack (no-folder: the lone file, for comparison)
//          --quick (1,000 rules, 2 runs)  --keep (keep the temp folder)
//          --results (also merge the measured parts into test/bench/results.json and rewrite
//          test/bench/RESULTS.md and the README's Performance section from it)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { batchRun, runCli } from './cliBench';
import { engineBench, type EngineResult } from './engineBench';
import { checkWithExceptionsBench, exceptionsBench, type CheckWithExceptionsResult, type ExceptionsBenchResult } from './exceptionsBench';
import { matrixBench, type MatrixResult } from './matrixBench';
import { screeningBench, screeningRows } from './screeningBench';
import { generateProducts, generateRules } from './generate';
import { oursSpec, peerValidationDelayMs, peerVersion, repoRoot, runSession, SCENARIOS, yamlLsSpec, type Scenario, type SessionResult } from './lspBench';
import { brokenFeatures, side, TARGET_SIZE, type Row, type SizeSummary } from './report';
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { renderPerformance, writeResults, type Measured, type Results } from './results';
import { median, round } from './stats';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const quick = args.has('quick');
const sizes = (args.get('sizes') ?? (quick ? '1000' : '1000,5000,20000')).split(',').map(Number);
const runs = Number(args.get('runs') ?? (quick ? 2 : 5));
const runsLarge = Number(args.get('runs-large') ?? (quick ? 2 : 3));
const only = new Set((args.get('only') ?? 'lsp,engine,cli,activation,package,screening').split(','));
const scenarioNames = (args.get('scenarios') ?? 'folder,folder+pack').split(',');
for (const n of scenarioNames) if (!(n in SCENARIOS)) throw new Error(`unknown scenario ${n}: ${Object.keys(SCENARIOS).join(', ')}`);
const scenarios = scenarioNames.map((n) => SCENARIOS[n as Scenario['name']]);
const log = (s: string) => process.stderr.write(`${s}\n`);

async function lspSuite(dir: string): Promise<SizeSummary[]> {
  const out: SizeSummary[] = [];
  for (const size of sizes) {
    const gen = generateRules(size, 3, 1, 1);
    // the folder a user works in: the rule file on disk, which the server indexes
    const folder = path.join(dir, `workspace-${size}`);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `rules-${size}.ecr.yaml`);
    fs.writeFileSync(file, gen.text);
    const n = size >= 20_000 ? runsLarge : runs;
    const ours = new Map<string, SessionResult[]>(scenarios.map((sc) => [sc.name, []]));
    const peer: SessionResult[] = [];
    const opts = { openTimeoutMs: 600_000, edits: 3, samples: { min: 5, max: 30, budgetMs: size >= 20_000 ? 20_000 : 15_000 } };
    const show = (r: SessionResult) =>
      `quick ${Math.round(r.quickDiagnosticsMs)} ms, full ${Math.round(r.fullDiagnosticsMs)} ms, edit ${Math.round(median(r.editMs))} ms, ${r.symbolCount} symbols, peak ${Math.round((r.peakRssKb ?? NaN) / 1024)} MB${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`;
    for (let i = 0; i < n; i++) {
      // interleaved, so drifting machine load falls on both servers alike
      for (const sc of scenarios) {
        const r = await runSession(oursSpec(sc), sc, file, gen, opts);
        ours.get(sc.name)!.push(r);
        log(`  ${size} rules, run ${i + 1}/${n}, export-rules (${sc.name}): ${show(r)}`);
      }
      // the peer's outline stops at a limit: set to what this server returned, so both compute
      // as many symbols (yaml-language-server indexes no folder: one set of runs serves all)
      const symbols = ours.get(scenarios[0].name)![0]?.symbolCount || undefined;
      const r = await runSession(yamlLsSpec(symbols), SCENARIOS.folder, file, gen, opts);
      peer.push(r);
      log(`  ${size} rules, run ${i + 1}/${n}, yaml-language-server: ${show(r)}`);
    }
    out.push({ size, ours: Object.fromEntries([...ours].map(([k, v]) => [k, side(v)])), peer: side(peer) });
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

function engineRows(engine: EngineResult, matrix: MatrixResult, exceptions: ExceptionFigures): Row[] {
  const c = exceptions.checks;
  const e = exceptions.evaluator;
  return [
    { metric: `single check p50 (${engine.rules.toLocaleString('en-US')} rules)`, ours: engine.checkP50Us, unit: 'µs', target: '<= 50 µs', met: engine.checkP50Us <= 50 },
    { metric: 'single check p99', ours: engine.checkP99Us, unit: 'µs' },
    { metric: `single check p50, starter pack (${engine.pack.rules} rules)`, ours: engine.pack.checkP50Us, unit: 'µs', target: '<= 50 µs', met: engine.pack.checkP50Us <= 50 },
    { metric: `batch (${engine.batch.products} products x ${engine.batch.destinations} destinations, ${engine.batch.matchedPerCheck} rules per answer, exceptions as check --batch asks)`, ours: engine.batch.checksPerSecond, unit: 'checks/s', target: '>= 100,000/s', met: engine.batch.checksPerSecond >= 100_000 },
    { metric: `single check p50 with licence exceptions, starter pack (value given; ${Math.round(c.licenceShare * 100)} % license-required, ${c.exceptionsPerLicence} exceptions each)`, ours: c.checkP50Us, unit: 'µs', target: '<= 50 µs', met: c.checkP50Us <= 50 },
    { metric: 'single check p50 with licence exceptions, license-required answers only', ours: c.licenceCheckP50Us, unit: 'µs' },
    { metric: `batch with licence exceptions (${c.batch.products} products with values x ${c.batch.destinations} destinations, starter pack, as check --batch asks)`, ours: c.batch.checksPerSecond, unit: 'checks/s', target: '>= 100,000/s', met: c.batch.checksPerSecond >= 100_000 },
    { metric: 'the same batch, every exception evaluated', ours: c.batchAll.checksPerSecond, unit: 'checks/s' },
    { metric: 'the same batch without the exception evaluation', ours: c.batchNone.checksPerSecond, unit: 'checks/s' },
    { metric: `licence-exception evaluation alone p50 (${e.queries.toLocaleString('en-US')} queries)`, ours: e.evaluateP50Us, unit: 'µs' },
    { metric: 'de minimis alone p50', ours: e.deMinimis.p50Us, unit: 'µs' },
    { metric: `decision matrix after an edit (${matrix.products} products x ${matrix.destinations} destinations, starter pack)`, ours: matrix.recomputeMs, unit: 'ms', target: '< 100 ms', met: matrix.recomputeMs < 100 },
  ];
}

function cliRows(cli: CliResult): Row[] {
  const rows: Row[] = [{ metric: 'validate, 20,000 rules (wall)', ours: cli.validate20k.seconds, unit: 's' }];
  const [small, large] = cli.batch;
  for (const b of cli.batch) rows.push({ metric: `check --batch, ${b.lines.toLocaleString('en-US')} lines`, ours: b.linesPerSecond, unit: 'lines/s' });
  if (small && large && small.peakRssMb !== undefined && large.peakRssMb !== undefined) {
    rows.push({ metric: 'check --batch peak memory, 100k -> 1M lines', ours: `${small.peakRssMb} -> ${large.peakRssMb} MB`, unit: '', target: 'constant (<= 1.2x)', met: large.peakRssMb <= small.peakRssMb * 1.2 });
  }
  return rows;
}

function activationRows(act: Activation | undefined, pack: PackageResult | undefined): Row[] {
  const rows: Row[] = [];
  if (act) rows.push({ metric: 'activation (require + activate, dev build)', ours: act.medianMs, unit: 'ms', target: '<= 100 ms', met: act.medianMs <= 100 });
  if (pack?.activation) rows.push({ metric: 'activation (require + activate, production build)', ours: pack.activation.medianMs, unit: 'ms', target: '<= 100 ms', met: pack.activation.medianMs <= 100 });
  if (pack) rows.push({ metric: 'packaged extension (.vsix)', ours: pack.bytes === undefined ? `failed: ${pack.error?.split('\n')[0]}` : round(pack.bytes / 1024 / 1024, 2), unit: 'MB', target: '<= 3 MB', met: pack.bytes !== undefined && pack.bytes <= 3 * 1024 * 1024 });
  return rows;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-bench-'));
  const started = new Date();
  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  log(`benchmark in ${dir} (node ${process.version}, ${os.cpus().length} cores, load ${loadAtStart.join(' ')})`);
  fs.writeFileSync(path.join(dir, 'products-10000.ecr.yaml'), generateProducts(10_000));
  const parts: Results['parts'] = {};
  /** When and where a part was measured: each part of the results keeps its own. */
  const measured = (t0: Date, options: Record<string, unknown>): Measured => ({
    date: t0.toISOString(),
    node: process.version,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    loadAvgAtStart: loadAtStart,
    loadAvgAtEnd: os.loadavg().map((l) => round(l, 2)),
    options,
  });
  try {
    if (only.has('lsp')) {
      log('language servers');
      const t0 = new Date();
      const lsp = await lspSuite(dir);
      parts.lsp = {
        measured: measured(t0, { sizes, runs, runsLarge, scenarios: scenarioNames, targetSize: TARGET_SIZE }),
        peer: { name: 'yaml-language-server', version: peerVersion(), validationDelayMs: peerValidationDelayMs() },
        starterPack: scenarioNames.includes('folder+pack') ? { files: loadStarterPack().length, rules: loadStarterPack().reduce((k, d) => k + d.ruleSet.rules.length, 0) } : undefined,
        sizes: lsp,
      };
      for (const s of lsp) {
        for (const [sc, o] of Object.entries(s.ours)) if (brokenFeatures(o.works).length) log(`  ${s.size} rules, ${sc}: not working: ${brokenFeatures(o.works).join(', ')}`);
      }
    }
    if (only.has('engine')) {
      log('engine');
      const t0 = new Date();
      const engine = engineBench({ rules: 10_000, products: 10_000, checks: 20_000, batchProducts: 1_000 });
      const matrix = matrixBench();
      log(`  decision matrix after an edit: ${matrix.recomputeMs} ms (${matrix.products} x ${matrix.destinations})`);
      log('  licence exceptions and de minimis');
      const exceptions = { checks: checkWithExceptionsBench({ checks: 20_000, products: 1_000 }), evaluator: exceptionsBench({ checks: 20_000, batch: 100_000 }) };
      parts.engine = { measured: measured(t0, {}), rows: engineRows(engine, matrix, exceptions), raw: { engine, matrix, exceptions } };
    }
    if (only.has('cli')) {
      log('cli');
      const t0 = new Date();
      const cli = await cliSuite(dir);
      parts.cli = { measured: measured(t0, {}), rows: cliRows(cli), raw: cli };
    }
    if (only.has('activation') || only.has('package')) {
      const t0 = new Date();
      const act = only.has('activation') ? activation(repoRoot) : undefined;
      let pack: PackageResult | undefined;
      if (only.has('package')) {
        log('package');
        pack = packageSize();
      }
      parts.package = { measured: measured(t0, {}), rows: activationRows(act, pack), raw: { activation: act, package: pack } };
    }
    if (only.has('screening')) {
      log('screening');
      const t0 = new Date();
      const screening = await screeningBench(dir, log);
      parts.screening = { measured: measured(t0, {}), rows: screeningRows(screening), raw: screening };
    }
    const thisRun: Results = { parts };
    const text = renderPerformance(thisRun);
    process.stdout.write(`\n${text}\n`);
    const outDir = path.join(repoRoot, 'test-results/bench');
    fs.mkdirSync(outDir, { recursive: true });
    const name = `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`;
    fs.writeFileSync(path.join(outDir, name), `${JSON.stringify(thisRun, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(thisRun, null, 2)}\n`);
    log(`written test-results/bench/${name}`);
    if (args.has('results')) {
      writeResults(thisRun);
      log('written test/bench/results.json, test/bench/RESULTS.md and the README Performance section');
    }
    const missed = text.split('\n').filter((l) => /\| MISSED/.test(l)).length;
    log(missed ? `${missed} target(s) missed` : 'every target met');
  } finally {
    if (!args.has('keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
