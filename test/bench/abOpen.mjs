// Runs bundles of test/bench/openCold.ts in turn, each in a new process, N times, and prints the
// median of each phase per bundle: an A/B comparison of the first open that load on the
// machine affects alike (see openCold.ts for how to build a bundle).
//   node test/bench/abOpen.mjs N a.js [b.js ...] [-- extra arguments for the bundles]
import { execFileSync } from 'node:child_process';

const sep = process.argv.indexOf('--');
const args = sep === -1 ? process.argv.slice(2) : process.argv.slice(2, sep);
const extra = sep === -1 ? [] : process.argv.slice(sep + 1);
const runs = Number(args[0]);
const bundles = args.slice(1);
if (!(runs > 0) || bundles.length === 0) {
  process.stderr.write('usage: node test/bench/abOpen.mjs N a.js [b.js ...] [-- rules=5000]\n');
  process.exit(2);
}
// the flags the extension starts the server with (server/src/launch.ts)
const flags = ['--max-semi-space-size=32'];
const rows = new Map(bundles.map((b) => [b, []]));
for (let i = 0; i < runs; i++)
  for (const b of bundles) rows.get(b).push(JSON.parse(execFileSync(process.execPath, [...flags, b, ...extra], { encoding: 'utf8' }).trim().split('\n').pop()));
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const [b, rs] of rows) {
  const keys = Object.keys(rs[0]);
  process.stdout.write(`${b}: ${keys.map((k) => `${k} ${median(rs.map((r) => r[k]))}`).join('  ')}\n`);
}
