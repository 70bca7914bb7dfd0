// The impact requests of the real server over stdio (exportRules/decisionMatrix and
// exportRules/whatChanged), compared with the command line on the same workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { DecisionMatrix } from '../../server/src/impact/matrix';
import { startTestServer } from './harness';

/** A time zone whose date differs from UTC's right now (UTC+14 late in the UTC day, UTC-12 early). */
function zoneOffUtc(): { tz: string; today: () => string } {
  const tz = new Date().getUTCHours() >= 12 ? 'Etc/GMT-14' : 'Etc/GMT+12';
  return { tz, today: () => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()) };
}

test('decisionMatrix without a date answers for the local date, as the command line does (it was the UTC date)', async () => {
  const { tz, today } = zoneOffUtc();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-tz-'));
  const server = await startTestServer({ folder, env: { ...process.env, TZ: tz } });
  try {
    const before = today();
    const m = await server.request<DecisionMatrix>('exportRules/decisionMatrix', { eccns: ['EAR99'] });
    assert.ok(m.date === before || m.date === today(), `${m.date} in ${tz}, local ${before}`);
    assert.notEqual(m.date, new Date().toISOString().slice(0, 10));
  } finally {
    await server.stop();
  }
});
