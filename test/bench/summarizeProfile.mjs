// The top functions of a .cpuprofile by self time and by total time (self plus callees):
//   node test/bench/summarizeProfile.mjs FILE [--top=30] [--from=ms] [--to=ms] [--under=name]
// --from/--to keep the samples of a time window (ms from the profile's start), so the
// opening of a file can be told from the rest of a session; --under keeps the samples whose
// stack holds a function of that name (domainProblems, parseRuleText ...).
import * as fs from 'node:fs';

const args = new Map(process.argv.slice(3).map((a) => a.replace(/^--/, '').split('=')));
const top = Number(args.get('top') ?? 30);
const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const under = args.get('under');
const from = Number(args.get('from') ?? 0) * 1000;
const to = Number(args.get('to') ?? Infinity) * 1000;
const self = new Map();
const total = new Map();
let t = 0;
let sampled = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  if (t < from || t > to) return;
  const n = byId.get(id);
  if (n.callFrame.functionName === '(idle)') return;
  if (under) {
    let k = id;
    while (k !== undefined && byId.get(k).callFrame.functionName !== under) k = parent.get(k);
    if (k === undefined) return;
  }
  sampled += dt;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set();
  for (let k = id; k !== undefined; k = parent.get(k)) {
    const nm = name(byId.get(k));
    if (seen.has(nm)) continue;
    seen.add(nm);
    total.set(nm, (total.get(nm) ?? 0) + dt);
  }
});
const show = (m, title) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / 1000).toFixed(1).padStart(9)} ms  ${k}`);
};
console.log(`busy ${(sampled / 1000).toFixed(0)} ms in the window`);
show(self, 'self time');
show(total, 'total time');
