#!/usr/bin/env node
// End-to-end tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3's workbench and Node
// extension host) driven by Playwright through Debian's chromium. Recipe and reasons:
// the design notes (shared/design/real-vscode.md). One code-server per run, on 127.0.0.1, scratch under mktemp.
//
//   Phase 1, UI checks in one window, as a person works (fail-fast; each saves a screenshot
//            to test-results/e2e/): a broken file's squiggle and Problems row, completion while
//            typing, Check Item from the palette to the result panel, the Testing view.
//   Phase 2, the extension-host mocha suite (dist/test/e2e/index.js, from test/e2e/suite/) in a
//            second window, as @vscode/test-electron's extensionTestsPath would run it.
//
// Usage: npm run test:e2e      (build + setup + this), or: node test/e2e/run.mjs [--stub]
//   --stub             load test/e2e/stub-extension instead of the real extension (checks the
//                      harness itself: selectors, payloads, the mocha runner)
// Environment (all optional):
//   CODE_SERVER_BIN    code-server launcher (default: the last line of scripts/e2e-setup.sh)
//   CHROMIUM_PATH      browser (default: chromium on PATH)
//   E2E_TIMEOUT_MS     hard limit for the whole run (default 300000)
//   E2E_EXTENSION_PATH the extension folder to load (default: the repository root)
//   E2E_VSIX           a packaged .vsix: installed with code-server --install-extension; the UI
//                      window loads it as an installed extension, the suite window as the
//                      development path of the unpacked vsix (tests what the package holds)
//   E2E_ONLY           ui | suite: run one phase only
//   E2E_GREP           mocha --grep for the extension-host suite
//   E2E_KEEP=1         keep the scratch folder (a failed run copies its logs to test-results/e2e/)
//   E2E_TRACE=1        exportRules.trace.server = verbose (LSP traffic in the kept logs)
//   HEADFUL=1          show the browser (needs a display)
// Exit status 0 when everything passed. The last line is always "N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { pollFor, uiChecks } from './ui.mjs';
/* global fetch */

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(path.join(ROOT, 'package.json'));
const { chromium } = require('playwright-core');

const STUB = process.argv.includes('--stub');
const EXT = path.resolve(process.env.E2E_EXTENSION_PATH || (STUB ? path.join(ROOT, 'test/e2e/stub-extension') : ROOT));
const SUITE_JS = path.join(ROOT, 'dist/test/e2e/index.js');
const FIXTURE = path.join(ROOT, 'test/e2e/workspace');
const RESULTS = path.join(ROOT, 'test-results/e2e');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 300_000);
const ONLY = process.env.E2E_ONLY || '';
const VSIX = process.env.E2E_VSIX ? path.resolve(process.env.E2E_VSIX) : undefined;
const SUITE_TIMEOUT = 180_000;
const RESULT_PREFIX = 'E2E-MOCHA-RESULT '; // printed by test/e2e/suite/index.ts

const T0 = Date.now();
const secs = (t = Date.now()) => ((t - T0) / 1000).toFixed(1) + 's';
const log = (...a) => console.log(`[${secs()}]`, ...a);

// ---------- results ----------
/** @type {{name: string, status: 'pass'|'fail'|'skip', detail?: string}[]} */
const results = [];
let uiBroken = false;
let finishing = false;

// ---------- tools ----------
const onPath = (name) => (process.env.PATH || '').split(path.delimiter)
  .map((d) => path.join(d, name))
  .find((f) => { try { fs.accessSync(f, fs.constants.X_OK); return true; } catch { return false; } });
const CHROMIUM = process.env.CHROMIUM_PATH || onPath('chromium') || onPath('chromium-browser');

function codeServerBin() {
  if (process.env.CODE_SERVER_BIN) return path.resolve(process.env.CODE_SERVER_BIN);
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/e2e-setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('scripts/e2e-setup.sh failed');
  return r.stdout.trim().split('\n').pop();
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  s.on('error', reject);
});

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

// ---------- scratch ----------
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-e2e-'));
const userData = path.join(WORK, 'user-data');
const extDir = path.join(WORK, 'extensions');
const browserProfile = path.join(WORK, 'chromium-profile');
// Each window gets its own copy of the workspace: no shared dirty buffers, backups or editor state.
const wsUi = path.join(WORK, 'workspace-ui');
const wsSuite = path.join(WORK, 'workspace-suite');
for (const d of [userData, extDir, browserProfile, path.join(userData, 'User')]) fs.mkdirSync(d, { recursive: true });
fs.cpSync(FIXTURE, wsUi, { recursive: true });
// "What changed" compares the working tree with git HEAD: HEAD holds the rules as they were
// before the Russia/Belarus rule required a licence, the working tree the fixture as it is.
{
  const rulesFile = path.join(wsUi, 'rules.ecr.yaml');
  const current = fs.readFileSync(rulesFile, 'utf8');
  const before = current.replace('    decision: license-required\n    review: policy of denial', '    decision: no-license-required\n    review: policy of denial');
  if (before === current) throw new Error('rules.ecr.yaml no longer has the ru-by-all-ccl decision the What changed check edits');
  fs.writeFileSync(rulesFile, before);
  const git = (...args) => {
    const r = spawnSync('git', ['-c', 'user.email=e2e@example.invalid', '-c', 'user.name=e2e', ...args], { cwd: wsUi, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'rules before the Russia/Belarus licence requirement');
  fs.writeFileSync(rulesFile, current);
}
fs.cpSync(FIXTURE, wsSuite, { recursive: true });
fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(RESULTS, { recursive: true });
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  // Workspace trust stays on and the workspace is never trusted: every check runs in Restricted
  // Mode, which the extension declares it supports (capabilities.untrustedWorkspaces).
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'files.hotExit': 'off',
  'files.autoSave': 'off', // code-server's default saves while typing; the UI checks revert their edits
  'testing.automaticallyOpenTestResults': 'neverOpen',
  // The completion check types a whole line, indentation included, on a fresh line.
  '[export-rules]': { 'editor.autoIndent': 'none' },
  // E2E_TRACE=1: the LSP traffic goes to the extension's output channel, which a failed run prints.
  ...(process.env.E2E_TRACE ? { 'exportRules.trace.server': 'verbose' } : {}),
}, null, 2));

// ---------- code-server ----------
let cs; // the child process, leader of its own process group
let csExited = Promise.resolve();
const stopServer = async () => {
  if (!cs || cs.exitCode !== null) return;
  try { process.kill(-cs.pid, 'SIGTERM'); } catch { return; }
  await Promise.race([csExited, new Promise((r) => setTimeout(r, 5000))]);
  await new Promise((r) => setTimeout(r, 300));
  try { process.kill(-cs.pid, 'SIGKILL'); } catch { /* already gone */ }
};
process.on('exit', () => { if (cs) { try { process.kill(-cs.pid, 'SIGKILL'); } catch { /* gone */ } } });

let context; // the browser
const consoleErrors = [];

// ---------- reporting ----------
// (not bare "export-control-rules": the code-server cache folder is named after the project)
const LOG_FILTER = /export-control-rules\.export-control-rules|exportRules|export-rules|Export Rules|not compatible|Cannot find module|\[error\]/i;
function logFiles(dir) {
  const out = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith('.log')) out.push(p);
  } };
  try { walk(dir); } catch { /* no logs yet */ }
  return out;
}
/** Lines about our extension from code-server's log and the workbench's log files. */
function extensionLogLines(max = 40) {
  const lines = [];
  for (const f of [path.join(WORK, 'code-server.log'), ...logFiles(path.join(userData, 'logs'))]) {
    let text = '';
    try { text = fs.readFileSync(f, 'utf8'); } catch { continue; }
    const rel = path.relative(WORK, f);
    const ours = /Export Rules|export-rules/i.test(path.basename(f)); // the extension's own output channel
    let last = '';
    let repeats = 0;
    for (const line of text.split('\n')) {
      if (!line.trim() || !(ours || LOG_FILTER.test(line)) || /Ignoring fetching additional builtin|open-vsx|vsda/.test(line)) continue;
      const key = line.replace(/^[\d-]+ [\d:.]+ /, '');
      if (key === last) { repeats++; continue; } // the same error for every pending request
      if (repeats) lines.push(`${rel}:   (the line above ${repeats} more time(s))`);
      last = key;
      repeats = 0;
      lines.push(`${rel}: ${line.slice(0, 400)}`);
    }
    if (repeats) lines.push(`${rel}:   (the line above ${repeats} more time(s))`);
  }
  return lines.slice(-max);
}

async function finish(reason) {
  if (finishing) return;
  finishing = true;
  if (reason) log(reason);
  try { await Promise.race([context?.close(), new Promise((r) => setTimeout(r, 5000))]); } catch { /* closing anyway */ }
  await stopServer();
  const count = (k) => results.filter((r) => r.status === k).length;
  const [passed, failed, skipped] = [count('pass'), count('fail'), count('skip')];
  const bad = failed + skipped || (reason ? 1 : 0);
  if (bad) {
    for (const r of results.filter((x) => x.status !== 'pass')) console.log(`  ${r.status.toUpperCase()} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
    const lines = extensionLogLines();
    if (lines.length) {
      console.log('code-server / extension host log lines about the extension (last 40):');
      for (const l of lines) console.log('   ', l);
    }
    if (consoleErrors.length) {
      console.log('browser console errors (first 10):');
      for (const e of consoleErrors.slice(0, 10)) console.log('   ', e.slice(0, 300));
    }
    // Keep the evidence for CI artifacts and for a person.
    try { fs.cpSync(path.join(userData, 'logs'), path.join(RESULTS, 'logs'), { recursive: true }); } catch { /* no logs */ }
    try { fs.copyFileSync(path.join(WORK, 'code-server.log'), path.join(RESULTS, 'code-server.log')); } catch { /* none */ }
    log(`logs and screenshots: ${path.relative(ROOT, RESULTS)}/`);
  }
  if (process.env.E2E_KEEP) log(`scratch kept: ${WORK}`);
  else fs.rmSync(WORK, { recursive: true, force: true });
  log(`total ${secs()}`);
  if (skipped) console.log(`(${skipped} UI check(s) skipped after an earlier failure, counted as failed)`);
  // With a reason (hard timeout, crash) and no recorded failure, the run still counts one.
  const failures = failed + skipped + (reason && !failed && !skipped ? 1 : 0);
  console.log(`${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

const hardTimer = setTimeout(() => {
  results.push({ name: 'hard timeout', status: 'fail', detail: `the run took longer than ${TIMEOUT / 1000} s` });
  void finish(`hard timeout after ${TIMEOUT / 1000} s`);
}, TIMEOUT);
hardTimer.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void finish(`interrupted (${sig})`));

// ---------- checks ----------
async function shot(page, name) {
  try { await page.screenshot({ path: path.join(RESULTS, `${name}.png`) }); } catch { /* page gone */ }
}

/** A UI check: skipped after an earlier UI failure (each builds on the one before). */
async function uiCheck(page, name, fn) {
  if (uiBroken) { results.push({ name, status: 'skip' }); log(`SKIP ${name}`); return; }
  const t = Date.now();
  try {
    await fn();
    results.push({ name, status: 'pass' });
    log(`PASS ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
  } catch (e) {
    uiBroken = true;
    const detail = String(e?.message ?? e).split('\n')[0];
    results.push({ name, status: 'fail', detail });
    log(`FAIL ${name}: ${detail}`);
  }
  await shot(page, `${String(results.length).padStart(2, '0')}-${slug(name)}`);
}

// ---------- main ----------
async function main() {
  if (!CHROMIUM) throw new Error('no chromium on PATH (bash scripts/e2e-setup.sh installs it) and no CHROMIUM_PATH');
  const CS = codeServerBin();
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
  const extId = `${manifest.publisher}.${manifest.name}`;
  log(`extension ${extId} from ${VSIX ? path.basename(VSIX) : path.relative(ROOT, EXT) || '.'}${STUB ? ' (STUB: checking the harness only)' : ''}; scratch ${WORK}`);
  const mainJs = path.join(EXT, manifest.main || 'extension.js');
  if (!VSIX && !fs.existsSync(mainJs)) log(`WARNING: ${path.relative(ROOT, mainJs)} does not exist: the extension is not built (npm run build), so it cannot activate`);

  // EXTENSIONS_GALLERY='{}': no open-vsx look-ups offline. XDG_*: keep code-server out of $HOME.
  const csEnv = { ...process.env, EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(WORK, 'xdg-config'), XDG_DATA_HOME: path.join(WORK, 'xdg-data') };
  if (VSIX) {
    const r = spawnSync(CS, ['--extensions-dir', extDir, '--user-data-dir', userData, '--config', path.join(WORK, 'config.yaml'),
      '--install-extension', VSIX], { encoding: 'utf8', env: csEnv });
    const out = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-2).join(' | ');
    if (r.status !== 0) throw new Error(`code-server --install-extension ${VSIX} failed: ${out}`);
    log(`installed ${path.basename(VSIX)}: ${out}`);
  }
  const port = await freePort();
  const csLog = fs.openSync(path.join(WORK, 'code-server.log'), 'w');
  cs = spawn(CS, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', userData, '--extensions-dir', extDir, '--config', path.join(WORK, 'config.yaml'),
    '--log', 'info', wsUi], { stdio: ['ignore', csLog, csLog], detached: true, env: csEnv });
  csExited = new Promise((r) => cs.on('exit', r));
  const base = `http://127.0.0.1:${port}`;
  await pollFor(async () => {
    if (cs.exitCode !== null) throw new Error(`code-server exited (${cs.exitCode}); see ${WORK}/code-server.log`);
    try { return (await fetch(`${base}/healthz`)).ok; } catch { return false; }
  }, 60_000, 'code-server /healthz');
  log(`code-server ${CS} answers on ${base}`);

  context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: CHROMIUM, headless: !process.env.HEADFUL, viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const watch = (pg) => pg.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  // Payload paths are vscode-remote URIs whose authority is exactly the page's host:port.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const url = (folder, payload) => `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  if (ONLY !== 'suite') {
    const page = context.pages()[0] || await context.newPage();
    watch(page);
    await page.goto(url(wsUi, [...(VSIX ? [] : [['extensionDevelopmentPath', remote(EXT)]]), ['skipWelcome', 'true']]));
    await uiChecks(page, { check: (name, fn) => uiCheck(page, name, fn), log, fixture: FIXTURE,
      shot: (name) => shot(page, name), logLines: extensionLogLines });
    await page.close();
  }
  if (ONLY !== 'ui') {
    const tp = await context.newPage();
    watch(tp);
    await suitePhase(tp, remote, url);
  }
  await finish();
}

/** Where code-server unpacked the installed vsix (<publisher>.<name>-<version>). */
function installedDir() {
  const dirs = fs.readdirSync(extDir).filter((d) => fs.existsSync(path.join(extDir, d, 'package.json')));
  if (dirs.length !== 1) throw new Error(`expected one installed extension in ${extDir}, found: ${dirs.join(', ') || 'none'}`);
  return path.join(extDir, dirs[0]);
}

async function suitePhase(tp, remote, url) {
  const name = 'extension-host suite';
  if (!fs.existsSync(SUITE_JS)) {
    results.push({ name, status: 'fail', detail: `${path.relative(ROOT, SUITE_JS)} is missing: run npm run build` });
    return;
  }
  let exitWith;
  const exited = new Promise((r) => { exitWith = r; });
  let outcome;
  await tp.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(args || []));
    if (line.startsWith(RESULT_PREFIX)) { outcome = JSON.parse(line.slice(RESULT_PREFIX.length)); return; }
    if (/Ignoring fetching additional builtin extensions|Updating additional builtin|vsda|connection token|Creating a socket|ChatSessionStore/.test(line)) return;
    for (const l of line.split('\n')) console.log(`  [ext-host ${type}] ${l}`);
  });
  await tp.exposeFunction('codeAutomationExit', (code) => exitWith(code));
  log('phase 2: extension-host suite in a second window');
  // extensionTestsPath only runs beside an extensionDevelopmentPath; with a vsix that is the
  // folder code-server unpacked it to, so the suite still sees only what the package holds.
  const devPath = VSIX ? installedDir() : EXT;
  await tp.goto(url(wsSuite, [['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(SUITE_JS)], ['skipWelcome', 'true']]));
  let code;
  try {
    code = await Promise.race([exited, new Promise((_, rej) => setTimeout(() => rej(new Error(`no result within ${SUITE_TIMEOUT / 1000} s`)), SUITE_TIMEOUT))]);
  } catch (e) {
    results.push({ name, status: 'fail', detail: e.message });
    await shot(tp, 'suite-window');
    return;
  }
  if (outcome) {
    for (const t of outcome.passed) results.push({ name: `suite: ${t}`, status: 'pass' });
    for (const t of outcome.failed) results.push({ name: `suite: ${t.title}`, status: 'fail', detail: t.error });
    log(`suite: ${outcome.passed.length} passed, ${outcome.failed.length} failed (exit code ${code})`);
    if (code !== 0 && outcome.failed.length === 0) results.push({ name, status: 'fail', detail: `exit code ${code}` });
  } else {
    // The runner never reported: it did not load, or mocha crashed before the end.
    results.push({ name, status: code === 0 ? 'pass' : 'fail', detail: `exit code ${code}, no test report (see the ext-host lines above)` });
  }
  if (code !== 0) await shot(tp, 'suite-window');
}

main().catch((e) => {
  results.push({ name: 'harness', status: 'fail', detail: String(e?.message ?? e).split('\n')[0] });
  void finish(`harness error: ${e?.stack ?? e}`);
});
