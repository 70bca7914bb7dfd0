// Reading the paragraph scope of a CCL licence requirement row (scripts/eccn-scopes.mjs), on rows
// as the eCFR writes them. The rows that must NOT be narrowed matter most: narrowing a control
// to fewer paragraphs than it covers would answer "no licence required" for the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Scope {
  paragraphs?: string[];
  except?: string[];
  conditional: boolean;
}
interface ScopesModule {
  parseControlScope(entry: string, appliesTo: string): Scope;
  namedParagraphs(entry: string, texts: (string | undefined)[], scopes: Scope[]): string[];
}

const load = async (): Promise<ScopesModule> =>
  (await import(pathToFileURL(path.join(__dirname, '..', '..', 'scripts', 'eccn-scopes.mjs')).href)) as ScopesModule;

test('paragraph lists: full and relative references, ranges, "paragraph .i"', async () => {
  const { parseControlScope: p } = await load();
  assert.deepEqual(p('0A505', 'NS applies to 0A505.a and .x'), { paragraphs: ['0A505.a', '0A505.x'], conditional: false });
  assert.deepEqual(p('3A001', 'RS applies to 3A001.z.1.a, z.2.a, z.3.a, z.4.a'), {
    paragraphs: ['3A001.z.1.a', '3A001.z.2.a', '3A001.z.3.a', '3A001.z.4.a'],
    conditional: false,
  });
  assert.deepEqual(p('1C351', 'CB applies to items controlled by 1C351.d.15 and .16'), { paragraphs: ['1C351.d.15', '1C351.d.16'], conditional: false });
  assert.deepEqual(p('3B001', 'NS applies to 3B001.a.1 to a.3, b, e, f.2 to f.4, g to j'), {
    paragraphs: ['3B001.a.1', '3B001.a.2', '3B001.a.3', '3B001.b', '3B001.e', '3B001.f.2', '3B001.f.3', '3B001.f.4', '3B001.g', '3B001.h', '3B001.i', '3B001.j'],
    conditional: false,
  });
  assert.deepEqual(p('0A504', 'RS applies to paragraph .i'), { paragraphs: ['0A504.i'], conditional: false });
  assert.deepEqual(p('9A004', 'NS applies to 9A004 .g, .r, .u, and .w'), { paragraphs: ['9A004.g', '9A004.r', '9A004.u', '9A004.w'], conditional: false });
  assert.deepEqual(p('5A001', 'NS applies to 5A001.b (except .b.5), .c, .d, .f (except f.3), .g, and .j'), {
    paragraphs: ['5A001.b', '5A001.c', '5A001.d', '5A001.f', '5A001.g', '5A001.j'],
    conditional: false,
    except: ['5A001.b.5', '5A001.f.3'],
  });
});

test('the whole entry, and the whole entry except bare references', async () => {
  const { parseControlScope: p } = await load();
  assert.deepEqual(p('3A001', 'NS applies to entire entry'), { conditional: false });
  assert.deepEqual(p('3A904', 'RS applies to the entire entry'), { conditional: false });
  assert.deepEqual(p('0A501', 'NS applies to entire entry except 0A501.y'), { conditional: false, except: ['0A501.y'] });
  assert.deepEqual(p('9A012', 'NS applies to entire entry, except .a.1'), { conditional: false, except: ['9A012.a.1'] });
  assert.deepEqual(p('8A620', 'NS applies to entire entry, except 8A620. b and .y'), { conditional: false, except: ['8A620.b', '8A620.y'] });
  assert.deepEqual(
    p('9A610', 'NS applies to entire entry except: 9A610.b; parts and components controlled in 9A610.x if being exported or reexported for use in an aircraft controlled in 9A610.b; and 9A610.y'),
    { conditional: true, except: ['9A610.b', '9A610.y'] },
    '9A610.x is left out only for one use: it stays in, on a condition',
  );
  assert.deepEqual(
    p('0A509', 'NS applies to entire entry except 0A509.a for items for ECCN 0A502 or ECCN 0A508, and 0A509.d'),
    { conditional: true, except: ['0A509.d'] },
    'an exception with words attached is not an exclusion',
  );
  assert.deepEqual(
    p('1D607', 'NS applies to entire entry, except “software” for 1C607.a.10, .a.11, .a.12, and .a.14'),
    { conditional: true },
    '.a.11 continues 1C607.a.10: not a paragraph of 1D607',
  );
});

test('words narrow a list of paragraphs to a condition; they never narrow a row to fewer paragraphs than it names', async () => {
  const { parseControlScope: p } = await load();
  assert.deepEqual(
    p('3A001', 'NS applies to “Monolithic Microwave Integrated Circuit” (“MMIC”) amplifiers in 3A001.b.2 and discrete microwave transistors in 3A001.b.3, except those 3A001.b.2 and b.3 items being exported or reexported for use in civil telecommunications applications'),
    { paragraphs: ['3A001.b.2', '3A001.b.3'], conditional: true },
  );
  assert.deepEqual(p('7A611', 'MT applies to commodities in 7A611.a that meet or exceed the parameters in 7A103.b or .c'), { paragraphs: ['7A611.a'], conditional: true }, '.c belongs to 7A103');
  assert.deepEqual(
    p('5E002', 'EI applies to “technology” in 5E002.a for commodities or “software” controlled for EI reasons in ECCNs 5A002, 5A004 or 5D002, and to “technology” in 5E002.b'),
    { paragraphs: ['5E002.a', '5E002.b'], conditional: true },
  );
  // rows that stay whole (a condition on the entire entry)
  for (const [entry, text] of [
    ['0A502', 'CC applies to shotguns with a barrel length less than 24 in. (60.96 cm) and paragraphs .c, .d, and .e controlled by this entry regardless of end user'],
    ['0A502', 'NS applies to shotguns with a barrel length less than 18 inches (45.72 cm)'],
    ['1E001', 'NS applies to “technology” for items controlled by 1A002, 1A003, 1A005, 1A006.b, 1A007, 1B001 to 1B003'],
    ['3D001', 'RS applies to “software” for commodities controlled by 3A001.z.1.a, z.2.a, z.3.a, z.4.a and 3A090.a'],
    ['1C010', 'NP applies to 1C010.a (aramid “fibrous or filamentary materials”, b (carbon “fibrous and filamentary materials”), and e.1 for “fibrous and filamentary materials” that meet or exceed the control criteria of ECCN 1C210'],
    ['1B101', 'NP applies to filament winding machines described in 1B101.a that are capable of winding cylindrical rotors AND to coordinating and programming controls and precision mandrels for these filament…'],
    ['6A002', 'RS applies to 6A002.a.1, a.2, a.3 (except a.3.d.2.a and a.3.e for lead selenide based focal plane arrays (FPAs)), .c, and .f.'],
  ]) {
    assert.deepEqual(p(entry, text), { conditional: true }, text);
  }
});

test('the paragraphs the data names for an entry', async () => {
  const { namedParagraphs, parseControlScope } = await load();
  const rows = ['RS applies to 3A001.z.1.a, z.2.a', 'NS applies to 3A001.b.2 and b.3'];
  assert.deepEqual(
    namedParagraphs('3A001', ['$500 for 3A001.c, .d, and .x', 'GBS: Yes for 3A001.a.2 to a.4'], rows.map((r) => parseControlScope('3A001', r))),
    ['3A001.a.2', '3A001.a.3', '3A001.a.4', '3A001.b.2', '3A001.b.3', '3A001.c', '3A001.d', '3A001.x', '3A001.z.1.a', '3A001.z.2.a'],
  );
});
