// The hand encodings of data/exceptions/ against the reference data: the shipped data is what
// the build makes of them, every conditional line is encoded, and a change of the regulation
// text (a line, a quoted paragraph) stops the build, naming what to read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExceptionsData } from '../../server/src/exceptions';

const ROOT = path.resolve(__dirname, '../..');
const REFERENCE = path.join(ROOT, 'data/reference');

interface BuildModule {
  buildExceptionsData(referenceDir?: string): ExceptionsData;
  formatExceptionsJson(data: ExceptionsData): string;
  plainLine(symbol: string, text: string): { default: number | boolean | null } | undefined;
  ENCODED_SYMBOLS: string[];
}

const load = async () => (await import(pathToFileURL(path.join(ROOT, 'scripts/build-exceptions.mjs')).href)) as BuildModule;

interface ByEccn {
  entries: ({ eccn: string } & Record<string, string>)[];
}
const byEccn = JSON.parse(readFileSync(path.join(REFERENCE, 'licence-exceptions-by-eccn.json'), 'utf8')) as ByEccn;

/** A copy of data/reference with one file changed by `edit`. */
function referenceWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecr-reference-'));
  cpSync(REFERENCE, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  writeFileSync(target, after);
  return dir;
}

test('the shipped exceptions.data.json is what build-exceptions.mjs makes of the data', async () => {
  const build = await load();
  const built = build.buildExceptionsData(REFERENCE);
  const shipped = readFileSync(path.join(ROOT, 'server/src/exceptions/exceptions.data.json'), 'utf8');
  assert.equal(shipped, build.formatExceptionsJson(built), 'run `npm run exceptions:build`');
});

test('42 conditional LVS lines and 22 conditional GBS lines, each encoded with its verbatim text', async () => {
  const build = await load();
  const data = build.buildExceptionsData(REFERENCE);
  const conditional = (symbol: string) => byEccn.entries.filter((e) => e[symbol] !== undefined && !build.plainLine(symbol, e[symbol]));
  assert.equal(conditional('LVS').length, 42);
  assert.equal(conditional('GBS').length, 22);
  for (const symbol of build.ENCODED_SYMBOLS) {
    for (const e of conditional(symbol)) {
      const line = data.eccns[e.eccn].lines[symbol];
      assert.equal(line.text, e[symbol], `${e.eccn} ${symbol}`);
      assert.ok(!line.unencoded, `${e.eccn} ${symbol} is encoded`);
      assert.ok(line.default !== undefined, `${e.eccn} ${symbol} says what paragraphs no clause names get`);
    }
  }
});

test('a line whose text changes in the reference data stops the build, naming it', async () => {
  const build = await load();
  const dir = referenceWith('licence-exceptions-by-eccn.json', (t) => t.replace('"$3,000 for .a through .c; $6,000 for .d."', '"$3,000 for .a through .c; $7,000 for .d."'));
  try {
    assert.throws(() => build.buildExceptionsData(dir), /1A008 LVS: the line's text changed in the reference data/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a conditional line without an encoding stops the build, naming it', async () => {
  const build = await load();
  // 1B002's plain "$5000" becomes conditional: nothing in eccn-lines.yaml reads it.
  const plain = byEccn.entries.find((e) => e.eccn === '1B002')!;
  assert.equal(plain.LVS, '$5000');
  const dir = referenceWith('licence-exceptions-by-eccn.json', (t) => t.replace(/("eccn": "1B002",[^}]*?"LVS": )"\$5000"/, '$1"$5000 for 1B002.a"'));
  try {
    assert.throws(() => build.buildExceptionsData(dir), /1B002 LVS "\$5000 for 1B002\.a" is conditional and has no encoding/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a quoted paragraph of 740.2 that changes stops the build', async () => {
  const build = await load();
  const file = 'sections/740.2-740.3-740.4-740.5-license-exception-restrictions-LVS-GBS-SPP.txt';
  const dir = referenceWith(file, (t) => t.replace('(8) The item is controlled under ECCNs 2A983, 2A984', '(8) The item is controlled under ECCNs 2A983, 2A985'));
  try {
    assert.throws(() => build.buildExceptionsData(dir), /restriction 740\.2\(a\)\(8\).*no longer in/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a change of the exceptions part 746 keeps stops the build', async () => {
  const build = await load();
  const dir = referenceWith('embargoes.json', (t) => t.replace('"GFT (not for luxury goods)",', ''));
  try {
    assert.throws(() => build.buildExceptionsData(dir), /programme north_korea: the exceptions of embargoes\.json changed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every licence exception of part 740 is known, each with its section', async () => {
  const data = (await load()).buildExceptionsData(REFERENCE);
  assert.equal(data.symbols.length, 28); // 27 sections, 740.8 with two symbols (NAC, ACA)
  assert.deepEqual(data.symbols.slice(0, 4).map((s) => `${s.symbol} ${s.section}`), ['LVS 740.3', 'GBS 740.4', 'SPP 740.5', 'TSR 740.6']);
});

test('the 740.2(a)(22) items are exactly the entries with an IEC line', async () => {
  const data = (await load()).buildExceptionsData(REFERENCE);
  const iec = data.restrictions.find((r) => r.id === '740.2(a)(22)')!;
  const named = new Set([...(iec.when.items ?? []), ...(iec.when.itemsFact?.items ?? [])].map((i) => i.split('.')[0]));
  const withLine = new Set(byEccn.entries.filter((e) => e.IEC !== undefined).map((e) => e.eccn));
  assert.deepEqual([...named].sort(), [...withLine].sort());
});
