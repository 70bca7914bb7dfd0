// Bundles the client, the server, the CLI, the webview scripts and the e2e suite into dist/
// with esbuild. One bundle per entry point, so the packaged extension needs no node_modules.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.json': 'json' },
};

const builds = [
  { entryPoints: { 'client/extension': 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { 'server/server': 'server/src/server.ts', 'server/cli': 'server/src/cli.ts' } },
  { entryPoints: { 'test/e2e/index': 'test/e2e/suite/index.ts' }, external: ['vscode', 'mocha'] },
  // the views' scripts run in the webview (a browser): read by client/src/webviewScripts.ts
  // and inlined with the page's nonce
  { entryPoints: { 'webview/matrixView': 'client/webview/matrixView.ts', 'webview/commandsView': 'client/webview/commandsView.ts' }, platform: 'browser', format: 'iife', target: 'es2020', sourcemap: false },
];

const fs = await import('node:fs');
// the embedded screening list (scripts/build-screening-list.ts) ships beside the server bundle
if (fs.existsSync('data/screening/csl-snapshot.json')) {
  fs.mkdirSync('dist/server', { recursive: true });
  fs.copyFileSync('data/screening/csl-snapshot.json', 'dist/server/csl-snapshot.json');
}
for (const b of builds) {
  const entries = Object.values(b.entryPoints);
  if (!entries.every((e) => fs.existsSync(e))) continue; // a part not written yet is skipped
  const options = { ...common, ...b, outdir: 'dist' };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}

// The starter pack analysed once, here, into dist/server/starter-pack.json: a server start
// reads it instead of parsing and validating every pack file (server/src/workspace/packCache.ts).
// The generator is bundled in memory and run from a temporary file; nothing of it ships.
{
  const os = await import('node:os');
  const path = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const out = await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['scripts/starter-pack-cache.ts'], write: false, outfile: 'starter-pack-cache.js' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-build-'));
  try {
    const script = path.join(tmp, 'starter-pack-cache.js');
    fs.writeFileSync(script, out.outputFiles[0].text);
    fs.mkdirSync('dist/server', { recursive: true });
    execFileSync(process.execPath, [script, 'samples/starter', 'dist/server/starter-pack.json'], { stdio: 'inherit' });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// `--bench`: the benchmark bundled as the product is (esbuild, no tsx transform), so that the
// in-process engine figures are those of the code users run. Packages stay in node_modules.
if (process.argv.includes('--bench')) {
  await esbuild.build({ ...common, sourcemap: false, entryPoints: { 'bench/run': 'test/bench/run.ts' }, outdir: 'dist', packages: 'external' });
}
