// Calendar dates in one module (server/src/model/dates.ts): validation and the local "today"
// mean the same in the engine, the command line, the server, the model and the client.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { hasDateShape, isCalendarDate, localToday, notACalendarDate, whyNotADate } from '../../server/src/model/dates';
import { zoneOffUtc } from './helpers/zones';

const root = path.resolve(__dirname, '../..');

test('a calendar date is written yyyy-mm-dd and exists', () => {
  const cases: [string, boolean, boolean, string | undefined][] = [
    // text, shaped, a date, why not
    ['2024-02-29', true, true, undefined],
    ['2023-02-29', true, false, '2023-02-29 is not a date: February 2023 has 28 days'],
    ['1900-02-29', true, false, '1900-02-29 is not a date: February 1900 has 28 days'],
    ['2000-02-29', true, true, undefined],
    ['2024-13-01', true, false, '2024-13-01 is not a date: there is no month 13'],
    ['2024-00-10', true, false, '2024-00-10 is not a date: there is no month 0'],
    ['2024-04-31', true, false, '2024-04-31 is not a date: April 2024 has 30 days'],
    ['2024-01-00', true, false, '2024-01-00 is not a date: January 2024 has 31 days'],
    ['2024-1-01', false, false, undefined],
    ['01/02/2024', false, false, undefined],
    [' 2024-01-01', false, false, undefined],
    ['2024-01-01T00:00', false, false, undefined],
  ];
  for (const [text, shaped, date, why] of cases) {
    assert.equal(hasDateShape(text), shaped, text);
    assert.equal(isCalendarDate(text), date, text);
    assert.equal(notACalendarDate(text), why, text);
    // the one reason every caller shows: the calendar's, or the form's
    assert.equal(whyNotADate(text), shaped ? why : `"${text}" is not written yyyy-mm-dd, e.g. 2024-01-31`, text);
  }
});

test('today is the local date, not the UTC one', () => {
  assert.equal(localToday(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  assert.equal(localToday(new Date(2025, 11, 31, 0, 0)), '2025-12-31');
});


test('the command line answers for the local date where no --date is given', () => {
  const { tz, today } = zoneOffUtc();
  const before = today();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-dates-'));
  const r = spawnSync(process.execPath, [path.join(root, 'bin/export-rules.js'), 'matrix', '--eccn', 'EAR99', '--format', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, TZ: tz } });
  assert.equal(r.status, 0, r.stderr);
  const date = (JSON.parse(r.stdout) as { date: string }).date;
  // the same local date (or the next one, should midnight pass during the run)
  assert.ok(date === before || date === today(), `${date} in ${tz}, local ${before}`);
  assert.notEqual(date, new Date().toISOString().slice(0, 10), 'not the UTC date');
});

test('no other source file validates dates or makes "today" on its own', () => {
  const sources = ['server/src', 'client/src'].flatMap((d) =>
    fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(d, f)),
  );
  const copies = sources.filter((f) => {
    if (f.endsWith(path.join('model', 'dates.ts'))) return false;
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    return /\\{1,2}d\{4\}-\\{1,2}d\{2\}-\\{1,2}d\{2\}/.test(text.replace(/pat\.includes\('[^']*'\)/g, '')) || /getFullYear\(\)|toISOString\(\)\.slice\(0, 10\)/.test(text);
  });
  assert.deepEqual(copies, []);
});
