// Licence exceptions evaluated for license-required answers. Every expectation was worked out
// from the regulation text (15 CFR part 740, 744.15-744.16, 746.8(c), 746.9(b)) and the CCL line
// of the entry, quoted in the comments; none was copied from the evaluator's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createExceptionEvaluator, ShipmentInputError, type ExceptionQuery, type ExceptionResult, type LicenceRequirement } from '../../server/src/exceptions';
import { getExceptionsData } from '../../server/src/exceptions/data';
import { ExceptionEvaluation } from '../../server/src/exceptions/evaluate';

const evaluator = createExceptionEvaluator(getCatalog());
const catalog = getCatalog();

const ccl = (...reasons: string[]): LicenceRequirement => ({ rule: 'us-ear-country-chart/chart', reasons, kind: 'ccl', citation: '15 CFR 738.4' });
const RUSSIA: LicenceRequirement = { rule: 'us-ear-russia-belarus/ru-by-all-ccl', reasons: [], kind: 'embargo', programme: 'russia-belarus', citation: '15 CFR 746.8(a)(1)' };

function ask(eccn: string, destination: string, opts: Partial<ExceptionQuery> = {}): ExceptionResult[] {
  return evaluator.evaluate({ eccn, destination, date: '2026-10-01', requirements: [ccl('NS2')], shipment: {}, parties: [], ...opts }).exceptions;
}

function one(results: ExceptionResult[], symbol: string): ExceptionResult {
  const r = results.find((x) => x.symbol === symbol);
  assert.ok(r, `${symbol} is listed (listed: ${results.map((x) => x.symbol).join(', ')})`);
  return r;
}

function groupsOf(code: string): string[] {
  return catalog.destination(code)!.countryGroups;
}

// --- LVS (740.3) -------------------------------------------------------------------------

test('LVS: under, at and over the limit of 2B007.a ("$5,000, except 2B007.b and .c")', () => {
  assert.ok(groupsOf('TN').includes('B')); // 740.3(b): Tunisia is in Country Group B
  // 740.3(b), (d)(1)(i): eligible when the net value "does not exceed" the limit.
  const under = one(ask('2B007.a', 'TN', { shipment: { value: 4999 } }), 'LVS');
  assert.equal(under.status, 'available');
  assert.equal(under.limit, 5000);
  assert.equal(under.citation, '15 CFR 740.3');
  assert.equal(under.entryLine, '$5,000, except 2B007.b and .c');
  // 740.3(d)(2): the annual limit of 12 times the LVS value is a condition of use.
  assert.ok(under.conditions?.some((c) => c.includes('12 times the limit (740.3(d)(2))')));
  const at = one(ask('2B007.a', 'TN', { shipment: { value: 5000 } }), 'LVS');
  assert.equal(at.status, 'available');
  // 740.3(d)(1)(i): over the limit, the order is not eligible.
  const over = one(ask('2B007.a', 'TN', { shipment: { value: 5001 } }), 'LVS');
  assert.equal(over.status, 'not-available');
  assert.equal(over.citation, '15 CFR 740.3(d)(1)(i)');
  assert.match(over.reason, /\$5,001 exceeds the LVS limit of \$5,000/);
});

test('LVS: no value given asks for the value', () => {
  const r = one(ask('2B007.a', 'TN'), 'LVS');
  assert.equal(r.status, 'needs-facts');
  assert.deepEqual(r.inputs, ['value']);
  assert.equal(r.limit, 5000);
});

test('LVS: paragraphs the line excludes, and a heading whose paragraphs differ', () => {
  // "$5,000, except 2B007.b and .c": no LVS for 2B007.b.
  assert.equal(one(ask('2B007.b', 'TN', { shipment: { value: 100 } }), 'LVS').status, 'not-available');
  // 2B007 as a heading may be .a (eligible) or .b (not): the paragraph decides.
  const heading = one(ask('2B007', 'TN', { shipment: { value: 100 } }), 'LVS');
  assert.equal(heading.status, 'needs-facts');
  assert.deepEqual(heading.inputs, ['paragraph']);
});

test('LVS: outside Country Group B it is not available', () => {
  assert.ok(!groupsOf('CN').includes('B')); // 740.3(b): "all destinations in Country Group B"
  const r = one(ask('2B007.a', 'CN', { shipment: { value: 100 } }), 'LVS');
  assert.equal(r.status, 'not-available');
  assert.equal(r.citation, '15 CFR 740.3(b)');
});

test('LVS: a limit per paragraph (1A008: "$3,000 for .a through .c; $6,000 for .d.")', () => {
  const d = one(ask('1A008.d', 'TN', { shipment: { value: 5500 } }), 'LVS');
  assert.equal(d.status, 'available');
  assert.equal(d.limit, 6000);
  const a = one(ask('1A008.a', 'TN', { shipment: { value: 5500 } }), 'LVS');
  assert.equal(a.status, 'not-available');
  assert.match(a.reason, /limit of \$3,000/);
});

test('LVS: destination conditions written in the line (2B350, 0A509, 1B018)', () => {
  // 2B350: "$2,000 for all Country Group B destinations, except those also listed under Country Group D:3".
  assert.ok(groupsOf('PK').includes('B') && groupsOf('PK').includes('D:3'));
  assert.equal(one(ask('2B350', 'PK', { requirements: [ccl('CB2')], shipment: { value: 1500 } }), 'LVS').status, 'not-available');
  assert.equal(one(ask('2B350', 'TN', { requirements: [ccl('CB2')], shipment: { value: 1500 } }), 'LVS').status, 'available');
  // 0A509: "$500 for 0A509.b, .c, and .d if the ultimate destination is Canada".
  assert.equal(one(ask('0A509.b', 'CA', { requirements: [ccl('FC1')], shipment: { value: 400 } }), 'LVS').status, 'available');
  assert.equal(one(ask('0A509.b', 'MX', { requirements: [ccl('NS1')], shipment: { value: 400 } }), 'LVS').status, 'not-available');
  // 1B018: "$3000 for 1B018.a for countries WITHOUT an "X" in RS Column 2": Tunisia has one.
  assert.ok(catalog.destination('TN')!.chartColumns.includes('RS2'));
  const tn = one(ask('1B018.a', 'TN', { requirements: [ccl('NS1')], shipment: { value: 1000 } }), 'LVS');
  assert.equal(tn.status, 'not-available');
  assert.match(tn.reason, /does not cover 1B018\.a to Tunisia/);
});

test('LVS: a higher limit that depends on a fact (0A505.x formerly 0A018.b) needs that fact', () => {
  // "$500 for items in 0A505.x, except $3,000 for items in 0A505.x that ... were classified under 0A018.b".
  const r = one(ask('0A505.x', 'GB', { requirements: [ccl('RS1')], shipment: { value: 2000 } }), 'LVS');
  assert.equal(r.status, 'needs-facts');
  assert.match(r.needs![0], /classified under 0A018\.b/);
  assert.equal(one(ask('0A505.x', 'GB', { requirements: [ccl('RS1')], shipment: { value: 3001 } }), 'LVS').status, 'not-available');
});

test('LVS: 5A002 covers "components" only, with the 740.3(d)(5) condition', () => {
  const r = one(ask('5A002', 'GB', { requirements: [ccl('EI')], shipment: { value: 300 } }), 'LVS');
  assert.equal(r.status, 'needs-facts');
  assert.ok(r.needs!.some((n) => n.includes('"component"')));
  assert.ok(r.conditions!.some((c) => c.includes('740.3(d)(5)')));
});

test('LVS: "N/A for MT" with an MT licence requirement is not available (9B001)', () => {
  // 9B001 LVS: "$5000, except N/A for MT"; and 740.2(a)(5)(i) leaves MT items no LVS.
  const r = one(ask('9B001', 'DE', { requirements: [ccl('NS1', 'MT1')], shipment: { value: 100 } }), 'LVS');
  assert.equal(r.status, 'not-available');
  assert.match(r.reason, /N\/A for items controlled for MT reasons/);
  assert.match(r.reason, /740\.2\(a\)\(5\)\(i\)/);
});

// --- GBS (740.4) -------------------------------------------------------------------------

test('GBS: NS-only requirement to Country Group B (5A001.b.1: "Yes, except 5A001.a, b.5, e, and h.")', () => {
  const r = one(ask('5A001.b.1', 'TN'), 'GBS');
  assert.equal(r.status, 'available');
  assert.equal(r.citation, '15 CFR 740.4');
});

test('GBS: outside Country Group B, and Ukraine, which 740.4 excludes', () => {
  assert.equal(one(ask('5A001.b.1', 'CN'), 'GBS').status, 'not-available');
  assert.ok(groupsOf('UA').includes('B')); // in B, but 740.4: "except Sudan and Ukraine"
  assert.equal(one(ask('5A001.b.1', 'UA'), 'GBS').status, 'not-available');
});

test('GBS: not for a requirement that is not national security only', () => {
  // 740.4: "a license requirement ... for national security reasons only".
  const r = one(ask('5A001.b.1', 'TN', { requirements: [ccl('NS2', 'RS1')] }), 'GBS');
  assert.equal(r.status, 'not-available');
  assert.match(r.reason, /also required for RS/);
  assert.equal(one(ask('5A001.a', 'TN'), 'GBS').status, 'not-available'); // the line excludes .a
});

// --- 740.2 ------------------------------------------------------------------------------

test('740.2(a)(8): 2A983 keeps only RPL (not to E:1), GOV and TSU', () => {
  const de = ask('2A983', 'DE', { requirements: [ccl('RS2')] });
  assert.equal(one(de, 'TMP').status, 'not-available');
  assert.equal(one(de, 'TMP').citation, '15 CFR 740.2(a)(8)');
  assert.equal(one(de, 'RPL').status, 'needs-facts');
  assert.equal(one(de, 'GOV').status, 'needs-facts');
  // 740.2(a)(8)(i): "prohibits exports and reexports of replacement parts to countries in Country Group E:1".
  const sy = ask('2A983', 'SY', { requirements: [ccl('RS2'), { rule: 'sy', reasons: [], kind: 'embargo', programme: 'syria' }] });
  assert.equal(one(sy, 'RPL').status, 'not-available');
});

test('740.2(a)(4): a crime-control (742.7) requirement outside NATO, Australia, India, Japan, New Zealand', () => {
  // 0A504.g: LVS "$500 for 0A504.g."; Tunisia is in Country Group B but not in the (a)(4)(i) list.
  const tn = one(ask('0A504.g', 'TN', { requirements: [ccl('CC1')], shipment: { value: 100 } }), 'LVS');
  assert.equal(tn.status, 'not-available');
  assert.equal(tn.citation, '15 CFR 740.2(a)(4)');
  // Germany is a NATO member state: (a)(4) does not apply.
  assert.equal(one(ask('0A504.g', 'DE', { requirements: [ccl('CC1')], shipment: { value: 100 } }), 'LVS').status, 'available');
});

test('740.2(a)(10): no licence exception for 742.11 items (0A983)', () => {
  const all = ask('0A983', 'CA', { requirements: [ccl('CC')] });
  assert.ok(all.length > 0);
  for (const r of all) assert.equal(r.status, 'not-available', r.symbol);
  assert.equal(one(all, 'GOV').citation, '15 CFR 740.2(a)(10)');
});

test('740.2(a)(13): "600 series" items outside D:5 keep only LVS, TMP, RPL, TSU, GOV, BAG and STA', () => {
  const de = ask('9A610.x', 'DE', { requirements: [ccl('NS1')], shipment: { value: 1000 } });
  assert.equal(one(de, 'GFT').status, 'not-available');
  assert.equal(one(de, 'GFT').citation, '15 CFR 740.2(a)(13)');
  assert.equal(one(de, 'APR').status, 'not-available');
  assert.notEqual(one(de, 'TMP').status, 'not-available');
});

test('740.2(a)(12): 9x515 and "600 series" items to D:5 keep only GOV', () => {
  assert.ok(groupsOf('CN').includes('D:5'));
  const cn = ask('9A610.a', 'CN', { requirements: [ccl('NS1')] });
  assert.equal(one(cn, 'TMP').status, 'not-available');
  assert.equal(one(cn, 'TMP').citation, '15 CFR 740.2(a)(12)');
  assert.equal(one(cn, 'GOV').status, 'needs-facts');
});

test('740.2(a)(25): Pakistan and 3A992 keep only TMP (limited), RPL and GOV', () => {
  const pk = ask('3A992', 'PK', { requirements: [ccl('RS2')] });
  assert.equal(one(pk, 'GFT').status, 'not-available');
  assert.equal(one(pk, 'GFT').citation, '15 CFR 740.2(a)(25)');
  assert.ok(one(pk, 'TMP').needs!.some((n) => n.includes('740.9(a)(1), (a)(4), (a)(5), (a)(10), (b)(2), and (b)(3)')));
});

test('740.2(a)(9)(ii): 3A090 to D:1/D:4/D:5 outside A:5/A:6 keeps only the exceptions it names', () => {
  const rs: LicenceRequirement = { rule: 'us-ear-ccl/3a090', reasons: ['RS'], kind: 'ccl', citation: '15 CFR 742.6(a)(6)' };
  const cn = ask('3A090.a', 'CN', { requirements: [rs] });
  assert.equal(one(cn, 'GFT').status, 'not-available');
  assert.equal(one(cn, 'GFT').citation, '15 CFR 740.2(a)(9)(ii)');
  assert.equal(one(cn, 'AIA').status, 'needs-facts'); // kept by (a)(9)(ii); 740.27 is for a person to confirm
  // HBM is kept by (a)(9)(ii), but 3A090's HBM line reads "Yes, for 3A090.c.".
  assert.equal(one(cn, 'HBM').status, 'not-available');
  // Germany is in A:5: the restriction applies only if a party is headquartered in Macau or D:5.
  const de = one(ask('3A090.a', 'DE', { requirements: [rs] }), 'GFT');
  assert.equal(de.status, 'needs-facts');
  assert.ok(de.needs!.some((n) => n.includes('headquartered in, or whose ultimate parent is headquartered in, Macau')));
});

// --- Parties (744.16(b), 744.15 / 740.2(a)(17)) -------------------------------------------

test('an Entity List party bars every licence exception (744.16(b))', () => {
  const r = ask('2B007.a', 'TN', { shipment: { value: 400 }, parties: [{ list: 'Entity List (EL) - Bureau of Industry and Security', name: 'Example Co' }] });
  for (const e of r) assert.equal(e.status, 'not-available', e.symbol);
  assert.equal(one(r, 'LVS').citation, '15 CFR 744.16(b)');
});

test('an Unverified List party bars every licence exception (740.2(a)(17))', () => {
  const r = ask('2B007.a', 'TN', { shipment: { value: 400 }, parties: [{ list: 'unverified-list', name: 'Example Co' }] });
  for (const e of r) assert.equal(e.status, 'not-available', e.symbol);
  assert.equal(one(r, 'LVS').citation, '15 CFR 740.2(a)(17)');
});

test('a Military End-User party under a 744.21 requirement keeps only GOV (744.21(c))', () => {
  const meu: LicenceRequirement = { rule: 'us-ear-parties/meu', reasons: [], kind: 'party', citation: '15 CFR 744.21(a)' };
  const r = ask('3A991', 'CN', { requirements: [meu], parties: [{ list: 'Military End User (MEU) List - Bureau of Industry and Security', name: 'Example Institute' }] });
  assert.equal(one(r, 'TMP').status, 'not-available');
  assert.equal(one(r, 'TMP').citation, '15 CFR 744.21(c)');
  assert.ok(one(r, 'GOV').needs!.some((n) => n.includes('740.11(b)(2)(i) and (ii)')));
});

test('740.2(a)(19): exports to Hong Kong of NS-controlled items carry the Hong Kong licence condition', () => {
  const tmp = one(ask('2B007.a', 'HK', { requirements: [ccl('NS2')] }), 'TMP');
  assert.ok(tmp.conditions!.some((c) => c.includes('Hong Kong import licence')));
});

// --- Part 746 ---------------------------------------------------------------------------

test('Russia: only the exceptions 746.8(c)(2) keeps, each limited', () => {
  const ru = ask('5A002', 'RU', { requirements: [ccl('NS2', 'EI'), RUSSIA] });
  // 746.8(c)(2) does not list RPL, GFT or APR.
  assert.equal(one(ru, 'RPL').status, 'not-available');
  assert.equal(one(ru, 'RPL').citation, '15 CFR 746.8(c)(2)');
  // (c)(2)(i): TMP only for the news media; (c)(2)(vi): ENC only for the listed civil end users.
  assert.ok(one(ru, 'TMP').needs!.some((n) => n.includes('740.9(a)(9)')));
  assert.equal(one(ru, 'ENC').status, 'needs-facts');
  // 746.8(c)(1): nothing overcomes the (a)(3) requirement.
  const fdp = ask('5A002', 'RU', { requirements: [{ ...RUSSIA, citation: '15 CFR 746.8(a)(3)' }] });
  assert.equal(one(fdp, 'TMP').status, 'not-available');
  assert.equal(one(fdp, 'TMP').citation, '15 CFR 746.8(c)(1)');
});

test('Russia: every CCL item needs a licence there (746.8(a)(1)), so 746.8(c) applies even when only the chart is given', () => {
  assert.equal(one(ask('2B007.a', 'RU', { shipment: { value: 100 } }), 'RPL').citation, '15 CFR 746.8(c)(2)');
});

test('Russia before 87 FR 22130 (2022-04-08): a chart requirement alone does not bring in 746.8(c)', () => {
  const r = one(ask('2B007.a', 'RU', { date: '2021-06-01' }), 'RPL');
  assert.equal(r.status, 'needs-facts');
});

test('the Crimea region: only what part 746 keeps for it, and no GBS (740.4 excludes Ukraine)', () => {
  const crimea = ask('5A001.b.1', 'UA-43');
  assert.equal(one(crimea, 'GBS').status, 'not-available');
  assert.equal(one(crimea, 'RPL').status, 'not-available'); // 746.6: TMP, GOV, GFT, TSU, BAG, AVS, MED only
  assert.equal(one(crimea, 'RPL').citation, '15 CFR 746.6(c)');
});

test('Syria: SPP for EAR99 items, and only what 746.9(b) keeps', () => {
  const syria: LicenceRequirement = { rule: 'us-ear-embargoes/syria', reasons: [], kind: 'embargo', programme: 'syria', citation: '15 CFR 746.9(a)' };
  const ear99 = ask('EAR99', 'SY', { requirements: [syria] });
  assert.equal(one(ear99, 'SPP').status, 'available'); // 740.5(a), 746.9(b)(1)
  assert.equal(one(ear99, 'GFT').status, 'not-available'); // not in 746.9(b)
  assert.equal(one(ear99, 'GFT').citation, '15 CFR 746.9(b)');
  // 740.5(a): SPP authorises EAR99 items only.
  assert.equal(one(ask('5A992', 'SY', { requirements: [syria] }), 'SPP').status, 'not-available');
  // SPP took effect on 2025-09-02 (90 FR 42315).
  assert.equal(one(ask('EAR99', 'SY', { requirements: [syria], date: '2025-01-15' }), 'SPP').status, 'not-available');
});

test('Iran: no licence exception (746.7(c))', () => {
  const ir = ask('EAR99', 'IR', { requirements: [{ rule: 'iran', reasons: [], kind: 'embargo', programme: 'iran' }] });
  assert.ok(ir.length > 0);
  for (const r of ir) assert.equal(r.status, 'not-available', r.symbol);
});

// --- What is listed --------------------------------------------------------------------

test('only exceptions the entry and destination could allow are listed', () => {
  const symbols = ask('2B007.a', 'TN').map((r) => r.symbol);
  // 2B007 names LVS and GBS; no ENC line, so no ENC; TSU is for software and technology.
  assert.deepEqual(symbols, ['LVS', 'GBS', 'TMP', 'RPL', 'GOV', 'GFT', 'BAG', 'AVS', 'APR', 'STA']);
  // AGR and SCP are for Cuba only (746.2).
  const cuba = ask('EAR99', 'CU', { requirements: [{ rule: 'cuba', reasons: [], kind: 'embargo', programme: 'cuba' }] }).map((r) => r.symbol);
  assert.ok(cuba.includes('AGR') && cuba.includes('SCP'));
});

test('no requirement, or only internal policies: no exceptions, with the reason in the notes', () => {
  const none = evaluator.evaluate({ eccn: '2B007', destination: 'TN', date: '2026-10-01', requirements: [], shipment: {} });
  assert.deepEqual(none.exceptions, []);
  assert.match(none.notes[0], /No licence requirement was given/);
  const internal = evaluator.evaluate({ eccn: '2B007', destination: 'TN', date: '2026-10-01', requirements: [{ rule: 'acme/no-tn', reasons: [], kind: 'internal' }], shipment: {} });
  assert.deepEqual(internal.exceptions, []);
  assert.match(internal.notes[0], /internal policies/);
});

test('without party results the answer says the party restrictions were not checked', () => {
  const a = evaluator.evaluate({ eccn: '2B007.a', destination: 'TN', date: '2026-10-01', requirements: [ccl('NS2')], shipment: { value: 1 } });
  assert.ok(a.notes.some((n) => n.startsWith('No party screening results were given')));
});

test('"decidable" evaluates only the exceptions the data can find available', () => {
  const a = evaluator.evaluate({ eccn: '2B007.a', destination: 'TN', date: '2026-10-01', requirements: [ccl('NS2')], shipment: { value: 1 } }, { only: 'decidable' });
  assert.deepEqual(
    a.exceptions.map((r) => `${r.symbol} ${r.status}`),
    ['LVS available', 'GBS not-available'],
  );
});

// --- Symbols and input -------------------------------------------------------------------

test('symbols a rule lists are named, and the unknown ones explained', () => {
  const c = evaluator.checkSymbols(['GOV', 'NAC/ACA', 'tmp', 'LVX', 'CIV']);
  assert.deepEqual(c.known.map((k) => `${k.symbol} ${k.section}`), ['GOV 740.11', 'NAC 740.8', 'ACA 740.8']);
  assert.deepEqual(c.unknown.map((u) => [u.symbol, u.suggestion]), [['tmp', 'TMP'], ['LVX', 'LVS'], ['CIV', undefined]]);
  assert.match(c.unknown[2].message, /^CIV is not a licence exception of part 740/);
});

test('bad input is an error naming the field', () => {
  const bad = (q: Partial<ExceptionQuery>, field: string) =>
    assert.throws(() => evaluator.evaluate({ eccn: '2B007', destination: 'TN', date: '2026-10-01', requirements: [ccl('NS2')], shipment: {}, ...q }), (e: unknown) => e instanceof ShipmentInputError && e.field === field);
  bad({ shipment: { value: -1 } }, 'value');
  bad({ shipment: { value: Number.NaN } }, 'value');
  bad({ shipment: { value: 'abc' as unknown as number } }, 'value');
  bad({ shipment: { unitValue: -5 } }, 'unitValue');
  bad({ shipment: { value: 10, currency: 'EUR' } }, 'currency');
  bad({ eccn: '3A00' }, 'eccn');
  bad({ eccn: '9Z999' }, 'eccn');
  bad({ destination: 'XX' }, 'destination');
  bad({ date: '2026-13-45' }, 'date');
  // the date's reason in the words of every other date check
  assert.throws(() => evaluator.evaluate({ eccn: '2B007', destination: 'TN', date: '2026-02-29', requirements: [ccl('NS2')], shipment: {} }), {
    message: '2026-02-29 is not a date: February 2026 has 28 days',
  });
});

test('answers kept without a value and completed with one equal the whole evaluation (740.2(a)(23) included)', () => {
  // the evaluator keeps the answer without a value and recomputes LVS for each value; the
  // restriction that names an amount ($4,000,000, 740.2(a)(23)) bypasses that
  interface Internals {
    context(q: ExceptionQuery): unknown;
    compute(ctx: unknown, q: ExceptionQuery, decidableOnly: boolean): { exceptions: ExceptionResult[]; notes: string[] };
  }
  const ev = new ExceptionEvaluation(catalog, getExceptionsData());
  const whole = (q: ExceptionQuery, decidable: boolean) => {
    const e = ev as unknown as Internals;
    return e.compute(e.context(q), q, decidable);
  };
  const queries: ExceptionQuery[] = [];
  for (const [eccn, to] of [['2B007.a', 'TN'], ['2B007', 'TN'], ['1A008.d', 'TN'], ['0A505.x', 'GB'], ['0A506', 'BR'], ['0A506', 'DE'], ['5A001.b.1', 'CN'], ['3A991', 'RU']] as const) {
    for (const value of [undefined, 0, 400, 2999, 3000, 3001, 5000, 6000, 4_000_000]) {
      queries.push({ eccn, destination: to, date: '2026-10-01', requirements: [ccl('NS1')], shipment: value === undefined ? {} : { value }, parties: [] });
    }
  }
  const available = (list: readonly ExceptionResult[]) => list.filter((e) => e.status === 'available').map((e) => e.symbol);
  for (const decidable of [false, true]) {
    for (const q of queries) {
      const cached = ev.evaluate(q, decidable ? { only: 'decidable' } : undefined);
      const full = whole(q, decidable);
      const what = `${q.eccn} ${q.destination} ${q.shipment.value}`;
      // "decidable" may answer "none can be available" from the entry and destination alone
      assert.deepEqual(available(cached.exceptions), available(full.exceptions), what);
      if (decidable && cached.exceptions.length === 0) continue;
      assert.deepEqual(JSON.parse(JSON.stringify(cached.exceptions)), JSON.parse(JSON.stringify(full.exceptions)), what);
      assert.deepEqual([...cached.notes], full.notes);
    }
  }
  // 0A506 is one of the items 740.2(a)(23) names: the value decides whether it applies
  const big = ev.evaluate({ ...queries.find((q) => q.eccn === '0A506' && q.destination === 'BR')!, shipment: { value: 4_000_000 } });
  assert.ok(big.exceptions.some((e) => e.citation === '15 CFR 740.2(a)(23)'), JSON.stringify(big.exceptions.map((e) => [e.symbol, e.status, e.citation])));
});
