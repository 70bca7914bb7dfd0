// Runs bundles of test/bench/openCold.ts in turn, each in a new process, N times, and prints the
// median of each phase per bundle: an A/B comparison of the first open that load on the
// machine affects alike (see openCold.ts for how to build a bundle).
//   node --import tsx test/bench/abOpen.ts N a.js [b.js ...] [-- extra arguments for the bundles]
import { execFileSync } from 'node:child_process';
import { serverExecArgv } from '../../server/src/launch';
import { median, round } from './stats';

const sep = process.argv.indexOf('--');
const args = sep === -1 ? process.argv.slice(2) : process.argv.slice(2, sep);
const extra = sep === -1 ? [] : process.argv.slice(sep + 1);
const runs = Number(args[0]);
const bundles = args.slice(1);
if (!(runs > 0) || bundles.length === 0) {
  process.stderr.write('usage: node --import tsx test/bench/abOpen.ts N a.js [b.js ...] [-- rules=5000 pack=always]\n');
  process.exit(2);
}
// each bundle's phases (one JSON line of numbers), run by run
const rows = new Map<string, Record<string, number>[]>(bundles.map((b) => [b, []]));
for (let i = 0; i < runs; i++)
  for (const b of bundles) {
    // run with the flags the extension starts the server with
    const out = execFileSync(process.execPath, [...serverExecArgv(), b, ...extra], { encoding: 'utf8' }).trim().split('\n');
    rows.get(b)!.push(JSON.parse(out[out.length - 1]) as Record<string, number>);
  }
for (const [b, rs] of rows) {
  const keys = Object.keys(rs[0]);
  process.stdout.write(`${b}: ${keys.map((k) => `${k} ${round(median(rs.map((r) => r[k])))}`).join('  ')}\n`);
}
