// The embedded screening list is generated (npm run screening:build): it must be what the
// reference data and today's normalisation make of it, or matching the embedded list and a
// downloaded one would differ.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildEmbeddedSnapshot, embeddedPath, readEmbeddedSnapshot, SNAPSHOT_SOURCE } from '../../server/src/screening/embedded';
import { MEU_ITEMS } from '../../server/src/screening/effects';

const root = path.resolve(__dirname, '../..');

describe('screening: generated data', () => {
  it('data/screening/csl-snapshot.json is up to date (run npm run screening:build)', () => {
    assert.equal(embeddedPath(), path.join(root, 'data/screening/csl-snapshot.json'));
    const fresh = buildEmbeddedSnapshot(JSON.parse(readFileSync(path.join(root, 'data/reference', SNAPSHOT_SOURCE), 'utf8')));
    const stored = readEmbeddedSnapshot();
    assert.deepEqual(stored.info, fresh.info);
    assert.deepEqual(stored.entries.length, fresh.entries.length);
    assert.deepEqual(stored.names.vocab, fresh.names.vocab, 'the tokens differ: normalisation changed since the snapshot was built');
    assert.deepEqual(JSON.parse(JSON.stringify(fresh)), stored);
  });

  it('holds the lists and counts of the CSL of 2026-07-31', () => {
    const s = readEmbeddedSnapshot();
    assert.equal(s.info.date, '2026-07-31');
    assert.equal(s.info.entries, 25921);
    assert.deepEqual(
      s.info.lists.map((l) => [l.code, l.entries]),
      [
        ['SDN', 19181],
        ['EL', 3420],
        ['DPL', 1596],
        ['DTC', 787],
        ['SSI', 286],
        ['UVL', 222],
        ['ISN', 161],
        ['PLC', 78],
        ['MEU', 70],
        ['CMIC', 68],
        ['MBS', 51],
        ['CAP', 1],
      ],
    );
    // ids are unique within a list (an OFAC entity number repeats across SDN, SSI, MBS)
    assert.equal(new Set(s.entries.map((e) => `${e.list}|${e.id}`)).size, s.entries.length);
  });

  it('part744.data.json holds the 52 items of supplement no. 2 to part 744', () => {
    const p744 = JSON.parse(readFileSync(path.join(root, 'data/reference/part744-supplements.json'), 'utf8'));
    assert.deepEqual(
      MEU_ITEMS.map((i) => i.eccn),
      p744.supp2_meu_items.items.map((i: { eccn: string }) => i.eccn),
    );
  });
});
