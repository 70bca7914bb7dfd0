// The README's "From source" step: F5 in this folder runs the "Run Extension" configuration,
// which builds first (a task that runs an npm script of package.json) and loads this checkout.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
const json = (p: string): unknown => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

interface Launch { configurations: { name: string; type: string; request: string; args: string[]; preLaunchTask?: string }[] }
interface Tasks { tasks: { label: string; type: string; script: string }[] }
interface PackageJson { scripts: Record<string, string>; main: string }

test('F5 "Run Extension": the README names a launch configuration that builds, then loads this folder as the extension', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const name = /press F5 \("([^"]+)"\)/.exec(readme)?.[1];
  assert.equal(name, 'Run Extension');
  const config = (json('.vscode/launch.json') as Launch).configurations.find((c) => c.name === name);
  assert.ok(config, `.vscode/launch.json has "${name}"`);
  assert.deepEqual([config.type, config.request, config.args[0]], ['extensionHost', 'launch', '--extensionDevelopmentPath=${workspaceFolder}']);
  const task = (json('.vscode/tasks.json') as Tasks).tasks.find((t) => t.label === config.preLaunchTask);
  assert.ok(task, `the pre-launch task "${config.preLaunchTask}" is defined`);
  const pkg = json('package.json') as PackageJson;
  assert.deepEqual([task.type, task.script, pkg.scripts[task.script]], ['npm', 'build', 'node scripts/build.mjs']);
  // what the build makes is what package.json's main loads
  assert.equal(pkg.main, './dist/client/extension.js');
});
