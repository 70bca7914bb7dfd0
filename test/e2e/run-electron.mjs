#!/usr/bin/env node
// The same extension-host suite (test/e2e/suite/, bundled to dist/test/e2e/index.js) in desktop
// VS Code through @vscode/test-electron's runTests, for machines that can download VS Code or
// have one installed. This machine can't (no internet): CI runs the suite through code-server
// instead (npm run test:e2e -> test/e2e/run.mjs). See the design notes (shared/design/real-vscode.md) §6.
//
// Usage: npm run test:vscode   (builds first), or: node test/e2e/run-electron.mjs
//   VSCODE_EXECUTABLE_PATH  a local VS Code (Electron) binary: no download
//   VSCODE_VERSION          the version to download (default 1.100.3, what code-server runs and
//                           what engines.vscode allows)
// Exit status: 0 all passed, 1 a test failed or VS Code could not be had or started.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(path.join(ROOT, 'package.json'));
const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');

const suite = path.join(ROOT, 'dist/test/e2e/index.js');
if (!fs.existsSync(suite)) {
  console.error(`${path.relative(ROOT, suite)} is missing: run npm run build first (npm run test:vscode does).`);
  process.exit(1);
}

const version = process.env.VSCODE_VERSION || '1.100.3';
let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test'), timeout: 20_000 });
  } catch (e) {
    console.error([
      `Could not download VS Code ${version}: ${e instanceof Error ? e.message : String(e)}`,
      'The VS Code download server is unreachable from here (offline?), so the Electron route cannot run.',
      'Either set VSCODE_EXECUTABLE_PATH to an installed VS Code binary, or run the same suite in',
      'code-server with: npm run test:e2e   (test/e2e/run.mjs; what CI uses)',
    ].join('\n'));
    process.exit(1);
  }
}

// A scratch copy of the e2e workspace and a fresh profile, as test/e2e/run.mjs uses.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-electron-'));
const ws = path.join(work, 'workspace');
fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), ws, { recursive: true });
fs.mkdirSync(path.join(work, 'user-data', 'User'), { recursive: true });
fs.writeFileSync(path.join(work, 'user-data', 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.autoSave': 'off',
  'git.enabled': false,
}, null, 2));

let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    extensionTestsEnv: process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {},
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', path.join(work, 'user-data'), '--extensions-dir', path.join(work, 'extensions')],
  });
} catch (e) {
  console.error(`VS Code tests failed: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(code === 0 ? 'extension-host suite passed in desktop VS Code' : `extension-host suite failed (exit code ${code})`);
process.exit(code === 0 ? 0 : 1);
