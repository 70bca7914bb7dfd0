// Copies the reference files the licence-exception and de minimis evaluation needs from the
// shared EAR reference data into data/reference/, byte for byte, so the project builds and
// tests without it. The README copied with them records where each file comes from (sources,
// as-of dates, doubts). Files the catalog already copied must be identical to the shared ones.
//
//   node scripts/copy-exceptions-reference.mjs [--from <reference dir>]   (default ../shared/reference)
//
// Then `npm run exceptions:build` rebuilds server/src/exceptions/exceptions.data.json.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'data/reference');

/** Copied by this script (the README describes them under "Added 2026-12-03"). */
export const COPIED = [
  'README.md',
  'licence-exceptions-by-eccn.json',
  'licence-exception-catalog.json',
  'sections/740.2-740.3-740.4-740.5-license-exception-restrictions-LVS-GBS-SPP.txt',
  'sections/734.4-de-minimis.txt',
  'sections/746.8-b-c-d-and-746.9-a-b-exceptions.txt',
  'sections/744.15-744.16-uvl-and-entity-list-rules.txt',
  'sections/744.21-military-end-use-user.txt',
];

/** Already in data/reference (copied for the catalog); used here too, so they must not differ. */
const SHARED_WITH_CATALOG = ['country-groups.json', 'embargoes.json', 'eccns.json'];

function main() {
  const at = process.argv.indexOf('--from');
  const from = path.resolve(ROOT, at > 0 ? process.argv[at + 1] : '../shared/reference');
  if (!existsSync(from)) throw new Error(`copy-exceptions-reference: no reference data at ${from} (give --from <dir>)`);
  for (const f of SHARED_WITH_CATALOG) {
    const a = readFileSync(path.join(from, f));
    const b = readFileSync(path.join(TARGET, f));
    if (!a.equals(b)) throw new Error(`copy-exceptions-reference: data/reference/${f} differs from the shared copy; copy it with the catalog first`);
  }
  for (const f of COPIED) {
    mkdirSync(path.dirname(path.join(TARGET, f)), { recursive: true });
    copyFileSync(path.join(from, f), path.join(TARGET, f));
    console.log(`copied data/reference/${f}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
