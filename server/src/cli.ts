// export-rules: validate | check | test, on the same parse, validation and engine as the
// language server (docs/cli-and-protocol.md). `main` returns the exit status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from './catalog/catalog';
import type { Catalog } from './catalog/types';
import { readBatch } from './batchInput';
import { CheckInputError, outcomeOf, type Determination, type Outcome } from './engine/types';
import { usd } from './exceptions/match';
import { deMinimisText, exceptionsText } from './exceptions/text';
import { analyzeRuleText, type RuleDocument } from './model/document';
import { localToday, whyNotADate } from './model/dates';
import type { DiagnosticCode } from './model/diagnosticCodes';
import type { ItemInput, Problem } from './model/types';
import { displayPath, resolveDestinationCode } from './service/checkItem';
import { sortProblems } from './service/diagnostics';
import { domainProblems } from './service/domainDiagnostics';
import { fileUri, findRuleFiles, readRuleFile } from './workspace/files';
import { RuleWorkspace, type StarterPackMode } from './workspace/workspace';
import { toSarif } from './sarif';
import { matrixOf, rulesWorkspace, whatChanged } from './impact/compare';
import { changesCsv, matrixCsv } from './impact/csv';
import { changesText } from './impact/matrix';
import { matrixPage } from './render/matrix';
import { docsAtRevision, RevisionError } from './impact/gitRevision';
import { ConfigError, configuredRules } from './workspace/config';
import { parseThreshold, screenCommand } from './screening/cli';
import { embeddedScreeningIndex } from './screening/embedded';
import { listName } from './screening/effects';
import { ListFileError, loadListFile } from './screening/listFile';
import { DEFAULT_THRESHOLD } from './screening/match';
import { ScreeningIndex } from './screening/nameIndex';
import { createScreener, type PartyScreener } from './screening/screener';
import { partyProblems } from './service/parties';
import { type CommandName, optionsHelp, ParsedArgs, parseCommandArgs, UsageError } from './cliOptions';
import { VERSION } from './version';

interface Command {
  /** Its forms in the help text (a form may go on over indented lines). */
  synopsis: readonly string[];
  /** Whether it takes paths as arguments (`validate PATH ...`); the others take options only. */
  positionals: boolean;
  run: (a: ParsedArgs, io: Io) => number | Promise<number>;
}

const COMMANDS: Record<CommandName, Command> = {
  check: {
    synopsis: [
      `check --eccn 5A992 --to RU [--hs 8517.13] [--product SKU] [--origin us|foreign]
       [--direct-product-of 3E001,3D001] [--cas 107-06-2] [--unit-value 450]
       [--value 4000] [--currency USD] [--us-content 8 --us-content-eccn 3A991,5A992]
       [--date 2024-01-01] [--party ID|NAME [--party-country CC]] [--list FILE]
       [--threshold T] [--rules PATH ...] [--json]`,
      'check --batch FILE|- [--rules PATH ...] [--list FILE]  (CSV or JSON lines; one JSON line out per line in)',
    ],
    positionals: false,
    run: (a, io) => check(a, io),
  },
  validate: { synopsis: ['validate [PATH ...] [--format text|json|sarif] [--list FILE] [--threshold T] [--starter-pack auto|always|off]'], positionals: true, run: (a, io) => validate(a, io) },
  test: { synopsis: ['test [PATH ...] [--json] [--list FILE] [--threshold T]'], positionals: true, run: (a, io) => runTests(a, io) },
  matrix: { synopsis: ['matrix [--rules PATH ...] [--eccn 3A001,5A992] [--date D] [--format csv|json|html]'], positionals: false, run: (a, io) => matrixCommand(a, io) },
  diff: {
    synopsis: [
      `diff (--base REV | --base-rules PATH ...) [--rules PATH ...] [--date D]
      [--format text|json|csv] [--fail-on-stricter]`,
    ],
    positionals: false,
    run: (a, io) => diffCommand(a, io),
  },
  screen: {
    synopsis: [
      'screen --name NAME [--country CC] [--list FILE] [--threshold T] [--json] [--audit FILE]',
      `screen --batch FILE|- [--list FILE] [--threshold T] [--audit FILE]
    (CSV "name[,country]" or JSON lines {"name":..., "country":...}; one JSON line out per line in)`,
    ],
    positionals: false,
    run: (a, io) => screenCommand(a, io),
  },
};

function usage(): string {
  const synopses = Object.values(COMMANDS).flatMap((c) => c.synopsis.map((form) => `  export-rules ${form.replace(/\n\s*/g, '\n                 ')}`));
  return `Usage:
${synopses.join('\n')}
  export-rules --version | --help

Options:
${optionsHelp()}

Rule sources: --rules files or folders (folders are searched for *.ecr.yaml; a file named is read
whatever its name); without --rules, the paths in .export-rules.json, else the *.ecr.yaml files
under the current folder. A folder named without a rule file, and validate or test with no rule
file at all, are usage errors (exit 2).
--starter-pack auto|always|off (check, validate, test, matrix, diff): your rules are layered on the
bundled starter pack (a ruleset with the same id as a pack file replaces it); auto leaves out the
pack files of a jurisdiction your files have rules for (jurisdiction: US-EAR), always does not,
off never uses it.
Reference software, not legal advice.`;
}

const MAX_FILE_BYTES = 50_000_000;

export { UsageError };

interface Io {
  /** Writes; false when the output is full and the writer should wait for `drained`. */
  out: (s: string) => boolean | void;
  err: (s: string) => void;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  /** Resolves when the output can take more (a slow reader of `check --batch`). */
  drained?: () => Promise<void>;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  stdin: process.stdin,
  drained: () => new Promise((resolve) => process.stdout.once('drain', () => resolve())),
});

const isCommand = (c: string | undefined): c is CommandName => c !== undefined && Object.hasOwn(COMMANDS, c);

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help' || (isCommand(command) && (rest.includes('--help') || rest.includes('-h')))) {
      io.out(`${usage()}\n`);
      return 0;
    }
    if (command === '--version') {
      io.out(`export-rules ${VERSION}\n`);
      return 0;
    }
    if (!isCommand(command)) throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    const spec = COMMANDS[command];
    return await spec.run(parseCommandArgs(command, rest, { positionals: spec.positionals }), io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`export-rules: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof CheckInputError) {
      io.err(`export-rules: ${err.message}\n`);
      if (err instanceof UsageError) io.err(`Run "export-rules --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
}

interface Sources {
  /** The user's rule files that were read. */
  docs: RuleDocument[];
  unreadable: { file: string; reason: string }[];
  /** Whether the paths were named (--rules, arguments, .export-rules.json) or discovered. */
  named: boolean;
}

/**
 * Reads the named rule files and folders, or those configured or found under the current folder.
 * A file named is read as a rule file whatever its name (the editor's `exportRules.files` takes
 * other names too). A folder named that holds no rule file is a usage error, not a silent pass
 * of nothing, unless `emptyFolder` allows it (a diff's base may be no rules at all).
 */
function readSources(paths: readonly string[], io: Io, emptyFolder: 'error' | 'allowed' = 'error'): Sources {
  const unreadable: { file: string; reason: string }[] = [];
  const files: string[] = [];
  const named = paths.length > 0;
  if (!named) paths = configuredRules(io.cwd);
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${p}${named ? '' : ' (named in .export-rules.json)'}`);
    }
    const found = stat.isDirectory() ? findRuleFiles(abs) : [abs];
    if (found.length === 0 && emptyFolder === 'error') {
      throw new UsageError(`no rule files (*.ecr.yaml, *.ecr.yml) in ${p}${named ? '' : ' (named in .export-rules.json)'}`);
    }
    files.push(...found);
  }
  if (paths.length === 0) files.push(...findRuleFiles(io.cwd));
  const docs: RuleDocument[] = [];
  for (const f of [...new Set(files)]) {
    const r = readRuleFile(f, MAX_FILE_BYTES);
    if (r.ok) docs.push(analyzeRuleText(fileUri(f), r.text));
    else unreadable.push({ file: f, reason: r.reason });
  }
  return { docs, unreadable, named };
}

/**
 * `validate` and `test` are CI's gates: with no rule file at all they would pass on nothing (a
 * folder moved, a file renamed without `.ecr.yaml`), so that is a usage error naming the fix.
 */
function withRuleFiles(sources: Sources, command: 'validate' | 'test'): Sources {
  if (sources.docs.length + sources.unreadable.length > 0) return sources;
  throw new UsageError(`no rule files (*.ecr.yaml, *.ecr.yml) under the current folder for ${command}: name files or folders (export-rules ${command} rules/), or list them in .export-rules.json`);
}

/** --date, a real calendar date; undefined when not given. */
function dateOption(a: ParsedArgs): string | undefined {
  const date = a.string('date');
  const why = date === undefined ? undefined : whyNotADate(date);
  if (why) throw new UsageError(`--date: ${why}`);
  return date;
}

function starterPackMode(a: ParsedArgs): StarterPackMode {
  const m = a.string('starter-pack') ?? 'auto';
  if (m !== 'auto' && m !== 'always' && m !== 'off') throw new UsageError(`--starter-pack must be auto, always or off, not "${m}"`);
  return m;
}

function sourceName(ws: RuleWorkspace, uri: string, io: Io): string {
  return ws.isStarterPack(uri) ? `starter pack: ${path.basename(new URL(uri).pathname)}` : displayPath(uri, [io.cwd]);
}

/** The rules to answer from, with the starter pack as --starter-pack says (impact/compare.ts). */
function answering(src: Sources, a: ParsedArgs, catalog: Catalog): RuleWorkspace {
  return rulesWorkspace(src.docs, starterPackMode(a), catalog);
}

/**
 * The screening of --list at --threshold (the embedded CSL snapshot by default, loaded on first
 * use). A list file that cannot be read is an error at once, before any check.
 */
function screenerOption(a: ParsedArgs, io: Io): () => PartyScreener {
  const t = a.string('threshold');
  const threshold = t === undefined ? DEFAULT_THRESHOLD : parseThreshold(t);
  if (typeof threshold === 'string') throw new UsageError(threshold);
  const list = a.string('list');
  if (list === undefined) {
    let embedded: PartyScreener | undefined;
    return () => (embedded ??= createScreener(embeddedScreeningIndex(), threshold));
  }
  let screener: PartyScreener;
  try {
    screener = createScreener(new ScreeningIndex(loadListFile(path.resolve(io.cwd, list), list)), threshold);
  } catch (err) {
    if (err instanceof ListFileError) throw new ConfigError(`screening list ${err.message}`);
    throw err;
  }
  return () => screener;
}

async function check(a: ParsedArgs, io: Io): Promise<number> {
  const catalog = getCatalog();
  const ws = answering(readSources(a.list('rules') ?? [], io), a, catalog);
  ws.setScreener(screenerOption(a, io));
  const engine = ws.engine();
  const sources = ws.documents().map((d) => sourceName(ws, d.uri, io));
  const batch = a.string('batch');
  if (batch !== undefined) {
    if (a.string('party') !== undefined || a.string('party-country') !== undefined) throw new UsageError('--party is for one check: give each batch line its party (item,destination,date,party or {"party": ...})');
    return checkBatch(batch, ws, catalog, io);
  }

  const item: ItemInput = {};
  const eccn = a.string('eccn');
  if (eccn) item.eccn = eccn;
  const hs = a.string('hs');
  if (hs) item.hs = hs;
  const product = a.string('product');
  if (product) item.product = product;
  const origin = a.string('origin');
  if (origin) {
    if (origin !== 'us' && origin !== 'foreign') throw new UsageError(`--origin must be us or foreign, not "${origin}"`);
    item.origin = origin;
  }
  const dpo = a.string('direct-product-of');
  if (dpo) item.directProductOf = dpo.split(',').map((s) => s.trim()).filter(Boolean);
  const cas = a.string('cas');
  if (cas) item.cas = cas;
  const unitValue = a.string('unit-value');
  if (unitValue !== undefined) item.unitValue = amountOption('unit-value', unitValue);
  const value = a.string('value');
  if (value !== undefined) item.value = amountOption('value', value);
  const currency = a.string('currency');
  if (currency !== undefined) {
    if (currency.trim().toUpperCase() !== 'USD') throw new UsageError(`--currency must be USD (the EAR states its limits in US dollars; convert the amounts), not "${currency}"`);
    item.currency = 'USD';
  }
  const usContent = usContentOption(a);
  if (usContent) item.usContent = usContent;
  if (!item.eccn && !item.hs && !item.product && !item.cas) throw new UsageError('check needs an item: --eccn, --hs, --cas or --product');
  const to = a.string('to');
  if (!to) throw new UsageError('check needs a destination: --to RU');
  const date = dateOption(a);
  const destination = resolveDestinationCode(to, catalog);
  const partyName = a.string('party');
  const partyCountry = a.string('party-country');
  if (partyCountry !== undefined && partyName === undefined) throw new UsageError('--party-country needs --party ID|NAME');
  if (partyName !== undefined && !partyName.trim()) throw new UsageError('--party is empty: give a party id of the rule files or a name');
  const party = partyName !== undefined ? { party: partyName, ...(partyCountry ? { country: partyCountry } : {}) } : undefined;
  const result = engine.check({ item, destination, date, ...(party ? { party } : {}) });
  const json = {
    ...result,
    matched: result.matched.map((m) => ({ ...m, file: sourceName(ws, m.uri, io) })),
    sources,
  };
  if (a.flag('json')) io.out(`${JSON.stringify(json, null, 2)}\n`);
  else io.out(formatDetermination(result, json.matched.map((m) => m.file), sources));
  return 0;
}

/** `--us-content 8 --us-content-eccn 3A991,5A992`: both or neither; the percentage from 0 to 100. */
function usContentOption(a: ParsedArgs): ItemInput['usContent'] {
  const percentText = a.string('us-content');
  const eccnText = a.string('us-content-eccn');
  if (percentText === undefined && eccnText === undefined) return undefined;
  if (percentText === undefined) throw new UsageError('--us-content-eccn needs --us-content PERCENT (the U.S.-origin content as a percentage of the item\'s value)');
  const t = percentText.trim().replace(/\s*%$/, '');
  const percent = Number(t);
  if (t === '' || !Number.isFinite(percent)) throw new UsageError(`--us-content must be a percentage from 0 to 100, not "${percentText}"`);
  if (percent < 0 || percent > 100) throw new UsageError(`--us-content must be a percentage from 0 to 100, not ${percent}`);
  const eccns = (eccnText ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (eccns.length === 0) throw new UsageError('--us-content needs --us-content-eccn ECCN[,ECCN]: the ECCNs of the U.S. content (EAR99 included), as some have no de minimis level');
  return { percent, eccns };
}

/** A non-negative amount in USD from an option (`--unit-value 450`); anything else is a usage error naming the option. */
function amountOption(name: string, text: string): number {
  const n = Number(text.trim().replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be an amount in US dollars (0 or more), not "${text}"`);
  return n;
}

export function formatDetermination(r: Determination, files: string[], sources: string[]): string {
  const label: Record<Outcome, string> = {
    prohibited: 'PROHIBITED',
    'license-required': 'LICENSE REQUIRED',
    'no-license-required': 'NO LICENSE REQUIRED',
    'not-subject-to-ear': 'NOT SUBJECT TO THE EAR',
  };
  const item = [
    r.item.product && `product ${r.item.product}${r.item.name ? ` (${r.item.name})` : ''}`,
    `ECCN ${r.item.eccn}`,
    r.item.hs && `HS ${r.item.hs}`,
    r.item.cas && `CAS ${r.item.cas}`,
    r.item.unitValue !== undefined && `unit value ${usd(r.item.unitValue)}`,
    r.item.value !== undefined && `value ${usd(r.item.value)}`,
    r.item.origin === 'foreign' && `foreign-made${r.item.directProductOf.length ? `, direct product of US ${r.item.directProductOf.join(', ')}` : ''}`,
    r.item.usContent && `U.S. content ${r.item.usContent.percent} % (${r.item.usContent.eccns.join(', ')})`,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [`${label[outcomeOf(r)]}${r.conditional ? ' (conditional)' : ''}: ${item} to ${r.destination.name} (${r.destination.code}) on ${r.date}`];
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  if (r.conditional) {
    lines.push(`  This is the most restrictive answer the item can get: the deciding rules apply only ${r.paragraphs?.length ? `to ${r.paragraphs.join(', ')}` : 'on conditions'}.`);
    for (const c of r.dependsOn ?? []) lines.push(`    - ${c.text}`);
    lines.push(`  If none of that holds: ${r.unconditionalDecision ?? 'no-license-required'}.${r.paragraphs?.length ? ' Naming the paragraph narrows the answer.' : ''}`);
  }
  if (r.noRuleApplied || r.subjectToEar === false) lines.push(`  ${r.note ?? 'No rule applied.'}`);
  r.matched.forEach((m, i) => {
    lines.push(`  ${m.deciding ? '*' : '-'} ${m.decision}  ${m.ruleset}/${m.rule}${m.title ? `: ${m.title}` : ''}`);
    lines.push(`      ${m.citation ?? 'no citation'}  (${files[i]}:${m.line})${m.review ? `  review: ${m.review}` : ''}`);
    if (m.authority) lines.push(`      authority: ${m.authority}`);
    if (!m.deciding) for (const c of m.conditions ?? []) lines.push(`      applies only if: ${c.text}`); // the deciding ones are above
    if (m.exceptions.length) lines.push(`      licence exceptions the rule names: ${m.exceptions.join(', ')} (evaluated below)`);
  });
  if (r.notApplied?.length) {
    lines.push(r.subjectToEar === false ? "  The EAR's rules set aside (de minimis):" : '  Controls of the item found not to apply here:');
    for (const n of r.notApplied) lines.push(`    - ${n}`);
  }
  lines.push(...screeningText(r), ...deMinimisText(r), ...exceptionsText(r));
  lines.push(`Checked: the item's controls ${r.checked.controls.join(', ') || 'none (EAR99)'}; ${r.destination.name}: chart ${r.checked.chartColumns.join(' ') || 'no X'}, groups ${r.checked.countryGroups.join(' ') || 'none'}${r.checked.embargoes.length ? `, embargoes ${r.checked.embargoes.join(', ')}` : ''}.`);
  lines.push('Not checked:');
  for (const n of r.notChecked) lines.push(`  - ${n}`);
  lines.push(`Rules from: ${sources.join(', ') || 'none'}`);
  lines.push(`Data: ${getCatalog().data.dataAsOf} (${r.dataAsOf}). ${r.notice}`);
  return `${lines.join('\n')}\n`;
}

/** The screening part of an answer, for people: the party, the list, each hit and what it does here. */
function screeningText(r: Determination): string[] {
  const s = r.screening;
  if (!s) return [];
  const p = s.party;
  const who = p.id ? `party ${p.id} ("${p.names[0] ?? p.input}"${p.role ? `, ${p.role}` : ''}${p.country ? `, ${p.country}` : ''})` : `"${p.input}"${p.country ? ` (${p.country})` : ''}`;
  const result: Record<typeof s.result, string> = {
    clear: 'no list entry matches',
    listed: 'ON A LIST',
    possible: 'possible match, for review',
    cleared: 'every hit cleared as a false positive',
  };
  const lines = [`  Screening of ${who}: ${result[s.result]}`];
  for (const h of s.hits) {
    const mark = h.outcome.deciding ? '*' : h.status === 'possible' ? '?' : '-';
    lines.push(`    ${mark} ${h.score.toFixed(3)} ${h.list} ${h.id}  ${h.name}${h.matchedName !== h.name ? ` (as "${h.matchedName}")` : ''}  [${h.outcome.kind}${h.outcome.decision ? `: ${h.outcome.decision}` : ''}]`);
    lines.push(`        ${h.outcome.text}`);
    lines.push(`        ${h.outcome.citation}${h.outcome.authority ? `  authority: ${h.outcome.authority}` : ''}  why: ${h.why.summary}`);
  }
  for (const n of s.notes) lines.push(`    note: ${n}`);
  lines.push(`    List: ${s.list.file}, dated ${s.list.date}; threshold ${s.threshold}; lists searched: ${s.list.lists.map((l) => `${listName(l)} (${l})`).join(', ')}.`);
  return lines;
}

async function checkBatch(file: string, ws: RuleWorkspace, catalog: Catalog, io: Io): Promise<number> {
  if (file !== '-' && !fs.existsSync(path.resolve(io.cwd, file))) throw new UsageError(`no such file: ${file}`);
  const input = file === '-' ? io.stdin : fs.createReadStream(path.resolve(io.cwd, file), { encoding: 'utf8' });
  const engine = ws.engine();
  let buffered: string[] = [];
  // constant memory: reading waits while the reader of the output is behind
  const flush = async () => {
    const full = buffered.length > 0 && io.out(buffered.join('')) === false;
    buffered = [];
    if (full && io.drained) await io.drained();
  };
  for await (const got of readBatch(input)) {
    let out: Record<string, unknown>;
    if ('error' in got) out = got;
    else {
      const req = got.request;
      try {
        // the line says which exceptions are available: the ones the data decides suffice
        // the short answer: the same decision as check, without the parts the line does not show
        const r = engine.brief({ item: req.item, destination: resolveDestinationCode(req.destination, catalog), date: req.date, exceptions: 'decidable', ...(req.party ? { party: req.party } : {}) });
        out = {
          line: got.line,
          item: req.item,
          destination: r.destination,
          date: r.date,
          decision: r.decision,
          rules: r.rules,
        };
        if (r.decision === 'license-required') out.exceptions = r.exceptions;
        if (r.subjectToEar !== undefined) out.subjectToEar = r.subjectToEar;
        if (r.screening) {
          const s = r.screening;
          out.screening = {
            party: s.party.id ?? s.party.input,
            result: s.result,
            list: { file: s.list.file, date: s.list.date },
            hits: s.hits.map((h) => ({ id: h.id, name: h.name, list: h.list, score: h.score, status: h.status, outcome: h.outcome.kind, ...(h.outcome.decision ? { decision: h.outcome.decision } : {}), deciding: h.outcome.deciding })),
          };
        }
      } catch (err) {
        out = { line: got.line, error: err instanceof Error ? err.message : String(err) };
      }
    }
    buffered.push(`${JSON.stringify(out)}\n`);
    if (buffered.length >= 512) await flush();
  }
  await flush();
  return 0;
}

export interface FileProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem['severity'];
  code: DiagnosticCode;
  message: string;
}

/**
 * Every diagnostic of the given files, as the editor shows them: with the starter pack layered as
 * `exportRules.starterPack` layers it (a test's `decidedBy` may name a pack rule), findings for
 * the given files only.
 */
export function collectProblems(
  docs: RuleDocument[],
  unreadable: { file: string; reason: string }[],
  catalog: Catalog,
  cwd: string,
  opts: { starterPack: StarterPackMode; screening?: () => PartyScreener },
): FileProblem[] {
  const ws = rulesWorkspace(docs, opts.starterPack, catalog);
  const screening = opts.screening;
  // parties (and rule tests that name one) are screened against --list (default: the embedded
  // list) at --threshold (default 0.86)
  let embedded: PartyScreener | undefined;
  const screen = screening ?? (() => (embedded ??= createScreener(embeddedScreeningIndex(), DEFAULT_THRESHOLD)));
  ws.setScreener(screen);
  const out: FileProblem[] = unreadable.map((u) => ({ file: displayPath(fileUri(u.file), [cwd]), line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'file-unreadable', message: u.reason }));
  const screener = docs.some((d) => d.ruleSet.parties?.length) ? screen() : undefined;
  for (const d of docs) {
    const doc = ws.get(d.uri) ?? d;
    const problems = sortProblems([...doc.problems, ...domainProblems(doc, ws, catalog), ...partyProblems(doc, screener, ws.parties())]);
    for (const p of problems) {
      const r = doc.lines.rangeOf(p.span);
      out.push({
        file: displayPath(doc.uri, [cwd]),
        line: r.start.line + 1,
        column: r.start.character + 1,
        endLine: r.end.line + 1,
        endColumn: r.end.character + 1,
        severity: p.severity,
        code: p.code,
        message: p.message,
      });
    }
  }
  return out;
}

function validate(a: ParsedArgs, io: Io): number {
  const format = a.string('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const { docs, unreadable } = withRuleFiles(readSources(a.positionals, io), 'validate');
  const problems = collectProblems(docs, unreadable, getCatalog(), io.cwd, { starterPack: starterPackMode(a), screening: screenerOption(a, io) });
  if (format === 'json') io.out(`${JSON.stringify(problems, null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(problems, io.cwd), null, 2)}\n`);
  else {
    for (const p of problems) io.out(`${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.err(`${docs.length + unreadable.length} file(s) checked: ${errors} error(s), ${problems.length - errors} other finding(s).\n`);
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function runTests(a: ParsedArgs, io: Io): number {
  const catalog = getCatalog();
  const sources = withRuleFiles(readSources(a.positionals, io), 'test');
  const ws = answering(sources, a, catalog);
  ws.setScreener(screenerOption(a, io));
  // the workspace's own tests: the pack's tests are the pack's (run them by naming its folder)
  const results = ws.engine().runTests(ws.ownRuleSets());
  const files = (uri: string) => sourceName(ws, uri, io);
  if (a.flag('json')) io.out(`${JSON.stringify(results.map((r) => ({ ...r, file: files(r.uri) })), null, 2)}\n`);
  else {
    for (const r of results.filter((x) => !x.passed)) io.out(`FAIL ${files(r.uri)}:${r.line} ${r.ruleset}: ${r.name}\n     ${r.message}\n`);
    const failed = results.filter((r) => !r.passed).length;
    io.out(`${results.length - failed} passed, ${failed} failed (rule tests in ${sources.docs.length} file(s))\n`);
  }
  return results.some((r) => !r.passed) ? 1 : 0;
}


function matrixCommand(a: ParsedArgs, io: Io): number {
  const format = a.string('format') ?? 'csv';
  if (!['csv', 'json', 'html'].includes(format)) throw new UsageError(`--format must be csv, json or html, not "${format}"`);
  const date = dateOption(a) ?? localToday();
  const catalog = getCatalog();
  const m = matrixOf(readSources(a.list('rules') ?? [], io).docs, { starterPack: starterPackMode(a), date, eccns: eccnsOption(a) }, catalog);
  io.out(format === 'csv' ? matrixCsv(m) : format === 'html' ? matrixPage(m) : `${JSON.stringify(m)}\n`);
  return 0;
}

/** --eccn A,B: the rows of a matrix or a diff when the rules have no products. */
const eccnsOption = (a: ParsedArgs) => a.string('eccn')?.split(',').map((x) => x.trim()).filter(Boolean);

function diffCommand(a: ParsedArgs, io: Io): number {
  const format = a.string('format') ?? 'text';
  if (!['text', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be text, json or csv, not "${format}"`);
  const date = dateOption(a) ?? localToday();
  const catalog = getCatalog();
  const rulePaths = a.list('rules') ?? [];
  const after = readSources(rulePaths, io);
  const baseRules = a.list('base-rules');
  const rev = a.string('base') ?? (baseRules ? undefined : 'HEAD');
  let before: readonly RuleDocument[];
  try {
    // the revision's files at the same paths as the working tree's (named, configured, or all)
    before = rev !== undefined ? docsAtRevision(rev, rulePaths.length ? rulePaths : configuredRules(io.cwd), io.cwd) : readSources(baseRules!, io, 'allowed').docs;
  } catch (err) {
    if (err instanceof RevisionError) throw new UsageError(err.message);
    throw err;
  }
  const r = whatChanged(before, after.docs, rev ?? baseRules!.join(' '), { starterPack: starterPackMode(a), date, eccns: eccnsOption(a) }, catalog);
  if (format === 'json') io.out(`${JSON.stringify({ date, base: rev ?? baseRules, changes: r.changes }, null, 2)}\n`);
  else if (format === 'csv') io.out(changesCsv(r.changes));
  else io.out(changesText(r.changes));
  return a.flag('fail-on-stricter') && r.changes.some((c) => c.stricter) ? 1 : 0;
}
