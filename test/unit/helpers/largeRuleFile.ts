// A large rule file with domain findings of every common kind, many times over, for the test
// that the diagnostics of a large file stay the same while the checks are made faster
// (test/unit/large-file-diagnostics.test.ts). The benchmark's generated rules, with every
// seventh rule changed in one of the ways below (in turn): the same faulty selector then
// stands many times, beside many repeats of clean ones, as in the files the memos are for.
import { generateRules } from '../../bench/generate';

/** Each turns the text of one rule (its lines, from `  - id:` on) into a faulty one. */
const MUTATIONS: ((rule: string, n: number) => string)[] = [
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: 3A00l }]'), // malformed ECCN
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: 9Z999 }]'), // malformed (letter past E)
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: 3a001.a.1 }]'), // lower-case ECCN
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: 3A089 }]'), // not on the CCL
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ country: hk }]'), // lower-case country
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ country: Germany }]'), // a name
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ country: [DE, XQ] }]'), // unknown country
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ countryGroup: "E9" }]'), // unknown group
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ regime: sanctioned-states }]'), // undefined regime
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ chart: NS9 }]'), // unknown chart column
  (r) => r.replace(/items: \[.*\]/, 'items: [{ ccl: true, ear99: true }]'), // contradiction
  (r) => r.replace(/items: \[.*\]/, 'items: [{ reason: XX }]'), // unknown reason
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: "3*" }]'), // a pattern: fine
  (r) => r.replace(/items: \[.*\]/, 'items: [{ eccn: 3Z* }]'), // a malformed pattern
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ country: RU, countryGroup: "A:1" }]'), // matches nothing
  (r) => r.replace(/decision: .*/, 'decision: license-required\n    exceptions: [tmp, XYZ]'), // exception symbols
  (r) => r.replace(/decision: .*/, 'decision: license-required\n    effective: 2021-02-30'), // no such date
  (r, n) => `${r}\n${r.replace(/- id: (\S+)/, `- id: $1-again${n}`)}`, // a duplicate rule (a hint)
  (r, n) => `${r}\n${r.replace(/- id: (\S+)/, `- id: $1-weaker${n}`).replace(/decision: .*/, 'decision: no-license-required')}`, // shadowed
  (r) => r.replace(/items: \[.*\]/, 'items: [{ product: NO-SUCH-SKU }]'), // undefined product
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ country: [DE, FR] }]\n      except:\n        destinations: [{ countryGroup: "A:1" }]'), // the except removes all
  (r) => r.replace(/destinations: \[.*\]/, 'destinations: [{ countryGroup: "A:1" }]\n      except:\n        destinations: [{ country: FR }]'), // the except leaves some
];

/** `rules` generated rules (plus the repeats the mutations add), deterministic. */
export function largeRuleFile(rules: number): string {
  const text = generateRules(rules, 3, 11, 1).text;
  const parts = text.split(/\n(?= {2}- id: )/);
  let n = 0;
  for (let i = 1; i < parts.length; i++) {
    if (i % 7 !== 0) continue;
    // the last rule runs on into the next section: leave it
    if (/\n\S/.test(parts[i])) continue;
    parts[i] = MUTATIONS[n % MUTATIONS.length](parts[i], n);
    n++;
  }
  return parts.join('\n');
}
