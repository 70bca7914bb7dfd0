// The flags the server process is started with (server/src/launch.ts): the same for the VS Code
// client, the protocol tests and the benchmark.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { serverExecArgv } from '../../server/src/launch';
import { settleStartupHeap } from '../../server/src/startup';

test('V8 keeps at most one worker per core beside the server thread, and Node\'s 4 on larger machines', () => {
  assert.deepEqual(serverExecArgv(1), ['--max-semi-space-size=32', '--expose-gc', '--v8-pool-size=1']);
  assert.deepEqual(serverExecArgv(2), ['--max-semi-space-size=32', '--expose-gc', '--v8-pool-size=1']);
  assert.deepEqual(serverExecArgv(3), ['--max-semi-space-size=32', '--expose-gc', '--v8-pool-size=2']);
  assert.deepEqual(serverExecArgv(4), ['--max-semi-space-size=32', '--expose-gc', '--v8-pool-size=3']);
  assert.deepEqual(serverExecArgv(5), ['--max-semi-space-size=32', '--expose-gc']);
  assert.deepEqual(serverExecArgv(64), ['--max-semi-space-size=32', '--expose-gc']);
});

test('node accepts every flag the server can be started with', () => {
  for (const cores of [1, 2, 3, 4, 8]) {
    const run = spawnSync(process.execPath, [...serverExecArgv(cores), '-e', 'process.stdout.write("up")'], { encoding: 'utf8' });
    assert.equal(run.stderr, '', `cores ${cores}`);
    assert.equal(run.status, 0, `cores ${cores}`);
    assert.equal(run.stdout, 'up', `cores ${cores}`);
  }
});

test('the startup heap is settled with the collector the flags expose, and left alone without one', () => {
  let collections = 0;
  assert.equal(settleStartupHeap(() => collections++), true);
  assert.equal(collections, 1);
  assert.equal(settleStartupHeap(undefined), false);
  // a process started with the server's flags has the collector
  const run = spawnSync(process.execPath, [...serverExecArgv(2), '-e', 'process.stdout.write(typeof gc)'], { encoding: 'utf8' });
  assert.equal(run.stdout, 'function');
});
