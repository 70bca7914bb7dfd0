// How the language server process is started, shared by the VS Code client and the benchmark
// (test/bench), so the benchmark runs the server as users get it.

/**
 * Node flags of the server process. A larger young generation (32 MB semi-spaces; Node's
 * default is 16): opening a large rule file allocates a tree that survives, and with the
 * default the scavenger ran so often that it took about a sixth of the open (measured cold on
 * 5,000 rules: ~18% less CPU, ~25% less wall time, ~30 MB more peak memory). It must be a
 * command-line flag: set at run time (v8.setFlagsFromString) it does not resize the heap.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32'];
