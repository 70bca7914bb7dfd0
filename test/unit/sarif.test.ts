// `export-rules validate --format sarif`: SARIF 2.1.0 typed by @types/sarif, valid against the
// SARIF schema (vendored from npm, test/fixtures/sarif/README.md), file locations as
// percent-encoded URIs relative to %SRCROOT%.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { main } from '../../server/src/cli';

const root = path.resolve(__dirname, '../..');
// unicodeRegExp off: one pattern of the rtm.5 schema (the language tag) is not valid with the u flag
const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as object;

async function validateSarif(cwd: string, args: string[]): Promise<Sarif.Log> {
  let out = '';
  const code = await main(['validate', ...args, '--format', 'sarif'], { out: (s) => void (out += s), err: () => undefined, cwd, stdin: new PassThrough() });
  assert.equal(code, 1, 'the files have errors');
  return JSON.parse(out) as Sarif.Log;
}

// one mistake: decision licence-required (invalid-value) on line 9
const rules = (id: string) => `ruleset: ${id}\ntitle: ACME\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: licence-required\n`;

test('a folder and file name with spaces, "#" and accents: percent-encoded URIs relative to %SRCROOT%, valid SARIF', async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-sarif-'));
  fs.mkdirSync(path.join(cwd, 'my rules#1'));
  fs.writeFileSync(path.join(cwd, 'my rules#1/a b é.ecr.yaml'), rules('acme'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-sarif-out-'));
  fs.writeFileSync(path.join(outside, 'c.ecr.yaml'), rules('acme-outside'));

  const log = await validateSarif(cwd, ['my rules#1', path.join(outside, 'c.ecr.yaml')]);
  const validate = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  const run = log.runs[0];
  const locations = run.results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!);
  assert.deepEqual(locations[0], { uri: 'my%20rules%231/a%20b%20%C3%A9.ecr.yaml', uriBaseId: '%SRCROOT%' });
  assert.equal(locations[1].uriBaseId, undefined);
  assert.equal(fileURLToPath(locations[1].uri!), path.join(outside, 'c.ecr.yaml'));
  // the relative URI resolves, against the base, to the file itself
  const base = run.originalUriBaseIds!['%SRCROOT%'].uri!;
  assert.equal(fileURLToPath(new URL(locations[0].uri!, base)), path.join(cwd, 'my rules#1/a b é.ecr.yaml'));
  assert.deepEqual(run.results!.map((r) => [r.ruleId, r.level, r.locations![0].physicalLocation!.region!.startLine]), [['invalid-value', 'error', 9], ['invalid-value', 'error', 9]]);
  assert.deepEqual(run.tool.driver.rules!.map((r) => [r.id, r.shortDescription?.text, r.defaultConfiguration?.level]), [['invalid-value', 'A value the rule format does not allow here.', 'error']]);
});

test('the schema rejects what the output used to hold: a path with a space and a "#" as a URI', () => {
  const validate = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(schema);
  const old = { version: '2.1.0', runs: [{ tool: { driver: { name: 'export-rules' } }, results: [{ message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'my rules#1/a b.ecr.yaml' } } }] }] }] };
  assert.equal(validate(old), false);
});
