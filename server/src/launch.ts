// How the language server process is started, shared by the VS Code client and the benchmark
// (test/bench), so the benchmark runs the server as users get it.
import * as os from 'node:os';

/** Node's own size of V8's worker pool (`--v8-pool-size`), whatever the machine. */
const NODE_DEFAULT_POOL = 4;

/**
 * Node flags of the server process, for a machine with `cores` CPUs.
 *
 * - A larger young generation (32 MB semi-spaces; Node's default is 16): opening a large rule
 *   file allocates a tree that survives, and with the default the scavenger ran so often that
 *   it took about a sixth of the open (measured cold on 5,000 rules: ~18% less CPU, ~25% less
 *   wall time, ~30 MB more peak memory). It must be a command-line flag: set at run time
 *   (v8.setFlagsFromString) it does not resize the heap.
 * - V8's worker pool leaves the server's own thread a core: at most `cores - 1` workers, and
 *   Node's 4 where there are more cores. The workers compile hot code and help the collector
 *   while the server analyses a file; with Node's 4 on a 2-core machine (a small cloud
 *   workspace) they took turns with the one thread the user waits for. Measured on 2 cores,
 *   5,000 rules, folder open, 12 paired sessions: first full diagnostics 344 ms with 4 workers,
 *   330 ms with 2, 324 ms with 1.
 * - `--expose-gc`, for settleStartupHeap (startup.ts).
 */
export function serverExecArgv(cores: number = availableCores()): string[] {
  const pool = Math.max(1, Math.min(NODE_DEFAULT_POOL, Math.floor(cores) - 1));
  return ['--max-semi-space-size=32', '--expose-gc', ...(pool < NODE_DEFAULT_POOL ? [`--v8-pool-size=${pool}`] : [])];
}

function availableCores(): number {
  // availableParallelism honours CPU affinity and quotas; older Nodes have only cpus()
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}
