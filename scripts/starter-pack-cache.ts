// Writes the build-time analysis of the starter pack (see server/src/workspace/packCache.ts):
//   starter-pack-cache.ts <pack folder> <output file>
// scripts/build.mjs bundles and runs it after building the server.
import * as fs from 'node:fs';
import { buildPackCache } from '../server/src/workspace/packCache';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('usage: starter-pack-cache <pack folder> <output file>\n');
  process.exit(2);
}
fs.writeFileSync(out, buildPackCache(dir));
