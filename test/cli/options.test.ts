// The command line's options: parsed by node's util.parseArgs from one table (cliOptions.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFolder, exportRules } from './exportRules';
import { parseCommandArgs, UsageError } from '../../server/src/cliOptions';
import packageJson from '../../package.json';

const empty = emptyFolder('ecr-options-');
const run = (args: string[]) => exportRules(args, { cwd: empty });

test('--json=false is a usage error, not JSON output (it used to turn JSON on)', () => {
  const r = run(['check', '--eccn', '5A992', '--to', 'RU', '--json=false']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, 'export-rules: --json takes no value (give --json or leave it out)\nRun "export-rules --help" for usage.\n');
  assert.throws(() => parseCommandArgs('check', ['--json=true'], { positionals: false }), new UsageError('--json takes no value (give --json or leave it out)'));
});

test('--rules a b c (documented) and repeated --rules both give every path, in order', () => {
  const a = parseCommandArgs('check', ['--rules', 'a', 'b', 'c', '--json', '--to', 'RU'], { positionals: false });
  assert.deepEqual(a.list('rules'), ['a', 'b', 'c']);
  assert.equal(a.flag('json'), true);
  assert.equal(a.string('to'), 'RU');
  const b = parseCommandArgs('matrix', ['--rules', 'a', '--eccn', '3A001', '--rules', 'b', 'c'], { positionals: false });
  assert.deepEqual(b.list('rules'), ['a', 'b', 'c']);
  assert.equal(b.string('eccn'), '3A001');
  const c = parseCommandArgs('diff', ['--base-rules', 'x', 'y', '--rules=z'], { positionals: false });
  assert.deepEqual(c.list('base-rules'), ['x', 'y']);
  assert.deepEqual(c.list('rules'), ['z']);
  assert.equal(c.list('base'), undefined);
  assert.equal(c.flag('fail-on-stricter'), false);
});

test('a value after --opt=value is not taken by it; a single-valued option given twice keeps the last', () => {
  assert.throws(() => parseCommandArgs('check', ['--rules=a', 'b'], { positionals: false }), new UsageError('unexpected argument "b" (check takes options only)'));
  assert.equal(parseCommandArgs('check', ['--date', '2024-01-01', '--date=2024-02-01'], { positionals: false }).string('date'), '2024-02-01');
});

test('validate and test take paths; "--" ends the options', () => {
  const v = parseCommandArgs('validate', ['a.ecr.yaml', '--format', 'json', 'b'], { positionals: true });
  assert.deepEqual(v.positionals, ['a.ecr.yaml', 'b']);
  assert.equal(v.string('format'), 'json');
  assert.deepEqual(parseCommandArgs('test', ['--', '--json'], { positionals: true }).positionals, ['--json']);
  assert.equal(parseCommandArgs('test', ['--', '--json'], { positionals: true }).flag('json'), false);
});

test('usage errors name the option: unknown, of another command, missing value', () => {
  const cases: [Parameters<typeof parseCommandArgs>[0], string[], string][] = [
    ['check', ['--nonsense'], 'unknown option --nonsense'],
    ['validate', ['--json'], 'validate does not take --json'],
    ['check', ['--date'], '--date needs a value'],
    ['check', ['--rules', '--json'], '--rules needs a value'],
    ['matrix', ['extra'], 'unexpected argument "extra" (matrix takes options only)'],
  ];
  for (const [command, args, message] of cases) assert.throws(() => parseCommandArgs(command, args, { positionals: command === 'validate' }), new UsageError(message), args.join(' '));
});

test('--version prints the version of package.json; --help lists every option from the table', () => {
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.out, `export-rules ${packageJson.version}\n`);
  const h = run(['check', '--help']);
  assert.equal(h.code, 0);
  for (const name of ['--eccn ECCN', '--rules PATH ...', '--starter-pack auto|always|off', '--fail-on-stricter']) assert.ok(h.out.includes(`  ${name} `), name);
  // screen's options come from the same table, with the commands that take them
  const s = run(['screen', '--help']);
  assert.equal(s.out, h.out);
  const line = (name: string) => s.out.split('\n').find((l) => l.startsWith(`  --${name} `))?.replace(/ {2,}/g, '  ');
  assert.equal(line('name'), '  --name NAME  the name to screen against the restricted-party lists [screen]');
  assert.equal(line('audit'), '  --audit FILE  append one JSON line per screening to FILE (the screening record) [screen]');
  assert.equal(line('list'), '  --list FILE  the screening list: consolidated.json or .csv from trade.gov (default: the embedded CSL snapshot) [check, validate, test, screen]');
});
