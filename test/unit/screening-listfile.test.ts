import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { firstInvalidUtf8, listCodeOf, ListFileError, loadListFile, MAX_LIST_BYTES, parseListFile } from '../../server/src/screening/listFile';

const FIXTURES = path.resolve(__dirname, '../fixtures/screening');
const parse = (text: string | Buffer, file = 'list') => parseListFile(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, file, '2026-09-01');
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ListFileError, String(err));
    return err.message;
  }
  assert.fail('no error');
};

describe('screening: list files from trade.gov', () => {
  it('reads consolidated.json as published: names, alternate names, countries, ids, the date of sources_used', () => {
    const l = loadListFile(path.join(FIXTURES, 'consolidated.json'), 'consolidated.json');
    assert.equal(l.info.format, 'csl-json');
    assert.equal(l.info.date, '2026-08-13');
    assert.equal(l.info.dateBasis, 'sources_used');
    assert.equal(l.entries.length, 6);
    assert.deepEqual(l.info.skipped, [{ row: 7, reason: 'no name' }]);
    const el = l.entries[0];
    assert.equal(el.id, '99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be');
    assert.equal(el.idSource, 'list');
    assert.equal(el.list, 'EL');
    assert.deepEqual(el.countries, ['CN']);
    assert.deepEqual(el.altNames, ['Hebei Semiconductor Research Institute', 'HSRI', 'Hebei Institute of Semiconductors', 'and CETC Research Institute 13']);
    assert.equal(el.licenseRequirement, 'For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)');
    const sdn = l.entries.find((e) => e.list === 'SDN')!;
    assert.equal(sdn.entityNumber, '306');
    assert.deepEqual(sdn.programs, ['CUBA']);
    assert.deepEqual(sdn.countries, ['CH', 'ES']);
    assert.deepEqual(
      l.info.lists.map((x) => [x.code, x.entries, x.lastUpdated]),
      [
        ['EL', 1, '2026-08-12'],
        ['MEU', 1, '2026-06-02'],
        ['UVL', 1, '2026-05-20'],
        ['DPL', 1, '2026-07-30'],
        ['SDN', 1, '2026-08-13'],
        ['SSI', 1, '2026-04-01'],
      ],
    );
  });

  it('reads consolidated.csv by header name, multi-value fields joined with "; "', () => {
    const l = loadListFile(path.join(FIXTURES, 'consolidated.csv'), 'consolidated.csv');
    assert.equal(l.info.format, 'csl-csv');
    assert.equal(l.info.dateBasis, 'file-modified');
    assert.equal(l.entries.length, 5);
    const el = l.entries[0];
    assert.deepEqual(el.altNames, ['Hebei Semiconductor Research Institute', 'HSRI', 'Hebei Institute of Semiconductors', 'and CETC Research Institute 13']);
    assert.deepEqual(el.countries, ['CN']);
    assert.equal(l.entries[3].name, 'BANCO NACIONAL DE CUBA');
    assert.deepEqual(l.entries[3].countries, ['CH', 'ES']);
    assert.deepEqual(l.entries[4].altNames, ['JSC SME BANK', 'MSP BANK AO']);
  });

  it('accepts missing and extra columns, in any order', () => {
    const l = parse('extra,NAME,source,alt_names\nx,Acme Trading,Entity List (EL) - Bureau of Industry and Security,Acme; Acme Intl\n');
    assert.deepEqual(
      l.entries.map((e) => [e.name, e.list, e.altNames, e.id.startsWith('EL-')]),
      [['Acme Trading', 'EL', ['Acme', 'Acme Intl'], true]],
    );
    assert.equal(parse('{"results":[{"name":"Acme"}]}').entries[0].list, 'OTHER');
  });

  it('dates a JSON file without sources_used by search_performed_at, else by the file', () => {
    assert.equal(parse('{"search_performed_at":"2026-07-31T13:15:00+00:00","results":[{"name":"A"}]}').info.date, '2026-07-31');
    assert.equal(parse('[{"name":"A"}]').info.date, '2026-09-01');
  });

  it('says what is wrong with a file that is not a screening list', () => {
    const json = fs.readFileSync(path.join(FIXTURES, 'consolidated.json'), 'utf8');
    const csv = fs.readFileSync(path.join(FIXTURES, 'consolidated.csv'), 'utf8');
    assert.match(
      failure(() => parse(json.slice(0, 2000), 'consolidated.json')),
      /^consolidated\.json: the JSON ends early: the file looks truncated/,
    );
    assert.match(
      failure(() => parse(csv.slice(0, 1500), 'consolidated.csv')),
      /^consolidated\.csv: (a quoted field is not closed|a row has a different number of fields).*truncated/,
    );
    assert.equal(
      failure(() => parse(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x53, 0xe9, 0x72, 0x0a]))),
      'list: the file is not UTF-8 text (byte 6 is not valid UTF-8); use the file as downloaded from trade.gov, or save it as UTF-8',
    );
    assert.match(
      failure(() => parse(Buffer.from('\ufeffname\n', 'utf16le'))),
      /UTF-16/,
    );
    assert.equal(
      failure(() => parse('id,source,title\n1,EL,x\n')),
      'list: no "name" column (the columns are: id, source, title): is this the Consolidated Screening List?',
    );
    assert.equal(
      failure(() => parse('{"results":[]}')),
      'list: the list has no entries',
    );
    assert.match(
      failure(() => parse('{"data":[{"name":"x"}]}')),
      /no "results" list/,
    );
    assert.match(
      failure(() => parse('{"results":[{"title":"x"}]}')),
      /no entry has a "name"/,
    );
    assert.equal(
      failure(() => parse('   ')),
      'list: the file is empty',
    );
    assert.equal(
      failure(() => parse('name\n')),
      'list: the list has no rows under its header',
    );
  });

  it('refuses a 200 MB file before reading it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'er-list-')), 'consolidated.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 200 * 1024 * 1024); // sparse: no 200 MB written
    try {
      assert.ok(MAX_LIST_BYTES < 200 * 1024 * 1024);
      assert.match(
        failure(() => loadListFile(file, 'big.json')),
        /^big\.json: the file is 200 MB, more than the 100 MB a screening list may have/,
      );
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true });
    }
    assert.equal(
      failure(() => loadListFile('/no/such/file.csv', 'file.csv')),
      'file.csv: no such file',
    );
  });

  it('finds the first byte that is not UTF-8', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('plain ascii')), -1);
    assert.equal(firstInvalidUtf8(Buffer.from('Société 中国', 'utf8')), -1);
    assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xc3])), 1); // cut in the middle of é
    assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80])), 1); // overlong
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0); // a surrogate
  });

  it('knows the list of a CSL source', () => {
    assert.equal(listCodeOf('Entity List (EL) - Bureau of Industry and Security'), 'EL');
    assert.equal(listCodeOf('Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'), 'MBS');
    assert.equal(listCodeOf('ITAR Debarred (DTC) - State Department'), 'DTC');
    assert.equal(listCodeOf('Foreign Sanctions Evaders (FSE) - Treasury Department'), 'FSE');
    assert.equal(listCodeOf('SDN'), 'SDN');
    assert.equal(listCodeOf('Something else'), 'OTHER');
  });
});
