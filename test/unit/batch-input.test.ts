// The lines of `check --batch` input as the reader sees them: CRLF and LF, a last line with no
// newline, a character split across two chunks, an overlong line that is reported and not kept,
// a header and comments passed over, line numbers as in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { MAX_BATCH_LINE, readBatch, type BatchLine } from '../../server/src/batchInput';

async function read(chunks: (string | Buffer)[]): Promise<BatchLine[]> {
  const out: BatchLine[] = [];
  for await (const l of readBatch(Readable.from(chunks))) out.push(l);
  return out;
}

test('lines split on LF and CRLF, the last without a newline, numbered as in the file', async () => {
  const got = await read(['item,destination\r\n5A992,RU\r\n# a comment\n\n3A0', '01,CN\n9A610,"Virgin Islands, British"']);
  assert.deepEqual(got, [
    { line: 2, request: { item: { eccn: '5A992' }, destination: 'RU', date: undefined } },
    { line: 5, request: { item: { eccn: '3A001' }, destination: 'CN', date: undefined } },
    { line: 6, request: { item: { eccn: '9A610' }, destination: 'Virgin Islands, British', date: undefined } },
  ]);
});

test('a character split across two chunks is read whole (UTF-8 decoded across chunks)', async () => {
  const bytes = Buffer.from('EAR99,Côte d’Ivoire\n', 'utf8');
  const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of ô
  const got = await read([bytes.subarray(0, cut), bytes.subarray(cut)]);
  assert.deepEqual(got, [{ line: 1, request: { item: { eccn: 'EAR99' }, destination: 'Côte d’Ivoire', date: undefined } }]);
});

test('an overlong line is an error line, over several chunks, and the lines after it are read', async () => {
  const long = 'x'.repeat(MAX_BATCH_LINE + 10);
  const got = await read(['5A992,RU\n', long.slice(0, 40_000), long.slice(40_000), long.slice(0, 5), ',DE\nEAR99,FR']);
  assert.deepEqual(got, [
    { line: 1, request: { item: { eccn: '5A992' }, destination: 'RU', date: undefined } },
    { line: 2, error: `line longer than ${MAX_BATCH_LINE} characters` },
    { line: 3, request: { item: { eccn: 'EAR99' }, destination: 'FR', date: undefined } },
  ]);
});
