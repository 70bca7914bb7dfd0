// Runner entry for the extension-host suite (bundled to dist/test/e2e/index.js). VS Code loads
// it as extensionTestsPath and awaits run(); code-server then reports the outcome through
// window.codeAutomationExit. The driver (test/e2e/run.mjs) reads the RESULT line below to count tests.
import Mocha from 'mocha';

// The test files are bundled into this file; each is loaded only after the tdd globals
// (suite, test, ...) exist, which is what mocha's 'pre-require' event sets up.
const files: [string, () => Promise<unknown>][] = [
  ['activation.test', () => import('./activation.test.js')],
  ['restricted.test', () => import('./restricted.test.js')],
  ['diagnostics.test', () => import('./diagnostics.test.js')],
  ['language.test', () => import('./language.test.js')],
  ['commands.test', () => import('./commands.test.js')],
  ['files.test', () => import('./files.test.js')],
  ['parties.test', () => import('./parties.test.js')],
  ['recovery.test', () => import('./recovery.test.js')],
];

export const RESULT_PREFIX = 'E2E-MOCHA-RESULT ';

export async function run(): Promise<void> {
  const grep = process.env.E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const [name, load] of files) {
    mocha.suite.emit('pre-require', globalThis, name, mocha);
    await load();
  }
  const outcome: { passed: string[]; failed: { title: string; error: string }[] } = { passed: [], failed: [] };
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(RESULT_PREFIX + JSON.stringify(outcome));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => outcome.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => outcome.failed.push({ title: t.fullTitle(), error: String(err?.message ?? err).split('\n')[0] }));
  });
}
