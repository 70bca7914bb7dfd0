// The command line's options, one table: each option is one line naming its type, the
// commands that take it and its help text. Node's `util.parseArgs` does the parsing (`--x=v`,
// `--`, repeated options); this module only adds `--rules a b c` (documented since the start)
// and the messages. A new option is one line in OPTIONS.
import { parseArgs } from 'node:util';

export type CommandName = 'check' | 'validate' | 'test' | 'matrix' | 'diff' | 'screen';

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The commands that take it. */
  for: readonly CommandName[];
  /** The value's placeholder in the help text (string options). */
  value?: string;
  /** Several values: repeated (`--rules a --rules b`) or following it (`--rules a b`). */
  list?: true;
  help: string;
}

const OPTIONS = {
  eccn: { type: 'string', for: ['check', 'matrix', 'diff'], value: 'ECCN', help: 'the item by ECCN (check); the rows, comma-separated, when the rules have no products (matrix, diff)' },
  hs: { type: 'string', for: ['check'], value: 'CODE', help: 'the item by HS tariff code, e.g. 8517.13' },
  product: { type: 'string', for: ['check'], value: 'SKU', help: 'the item by a product defined in the rule files' },
  cas: { type: 'string', for: ['check'], value: 'CAS', help: "the item's CAS registry number (chemicals), e.g. 107-06-2" },
  'unit-value': { type: 'string', for: ['check'], value: 'USD', help: 'the value of one unit in US dollars (luxury goods: wholesale price in the U.S.)' },
  value: { type: 'string', for: ['check'], value: 'USD', help: "the shipment's value in US dollars (licence exception LVS compares it with the ECCN's limit)" },
  currency: { type: 'string', for: ['check'], value: 'USD', help: 'the currency of the amounts: only USD (the EAR states its limits in US dollars)' },
  'us-content': { type: 'string', for: ['check'], value: 'PERCENT', help: "foreign-made: the U.S.-origin controlled content, percent of the item's value (de minimis)" },
  'us-content-eccn': { type: 'string', for: ['check'], value: 'ECCN[,ECCN]', help: 'foreign-made: the ECCNs of that U.S. content (EAR99 included)' },
  origin: { type: 'string', for: ['check'], value: 'us|foreign', help: 'where the item was made (default us; foreign with --us-content)' },
  'direct-product-of': { type: 'string', for: ['check'], value: 'ECCNS', help: 'foreign-made: the US technology or software it is a direct product of, comma-separated' },
  to: { type: 'string', for: ['check'], value: 'DEST', help: 'the destination: ISO code (RU, UA-43) or name (Germany)' },
  date: { type: 'string', for: ['check', 'matrix', 'diff'], value: 'yyyy-mm-dd', help: 'the date of the export (default: today, local time)' },
  batch: { type: 'string', for: ['check', 'screen'], value: 'FILE|-', help: 'CSV or JSON lines (check: item,destination[,date[,party]]; screen: name[,country]); one JSON line out per line in' },
  name: { type: 'string', for: ['screen'], value: 'NAME', help: 'the name to screen against the restricted-party lists' },
  country: { type: 'string', for: ['screen'], value: 'CC', help: "the name's country (ISO code): a listed entry in another country scores lower" },
  audit: { type: 'string', for: ['screen'], value: 'FILE', help: 'append one JSON line per screening to FILE (the screening record)' },
  party: { type: 'string', for: ['check'], value: 'ID|NAME', help: 'the party (consignee, end user): a party id of the rule files or a name; screened, its hits join the decision' },
  'party-country': { type: 'string', for: ['check'], value: 'CC', help: "the party's country (ISO code), for a name; overrides a rule-file party's own" },
  list: { type: 'string', for: ['check', 'validate', 'test', 'screen'], value: 'FILE', help: 'the screening list: consolidated.json or .csv from trade.gov (default: the embedded CSL snapshot)' },
  threshold: { type: 'string', for: ['check', 'validate', 'test', 'screen'], value: 'T', help: 'the screening score from which a hit is a match, above 0 and at most 1 (default 0.86)' },
  rules: { type: 'string', for: ['check', 'matrix', 'diff'], value: 'PATH ...', list: true, help: 'rule files or folders (folders are searched for *.ecr.yaml; a file named is read whatever its name)' },
  'base-rules': { type: 'string', for: ['diff'], value: 'PATH ...', list: true, help: 'the rule files or folders to compare with' },
  base: { type: 'string', for: ['diff'], value: 'REV', help: 'the git revision to compare with (default HEAD)' },
  'starter-pack': { type: 'string', for: ['check', 'validate', 'test', 'matrix', 'diff'], value: 'auto|always|off', help: 'the bundled starter pack: auto, always layered under your rules, or off' },
  format: { type: 'string', for: ['validate', 'matrix', 'diff'], value: 'FORMAT', help: 'validate: text|json|sarif; matrix: csv|json|html; diff: text|json|csv' },
  json: { type: 'boolean', for: ['check', 'test', 'screen'], help: 'print JSON' },
  'fail-on-stricter': { type: 'boolean', for: ['diff'], help: 'exit 1 when any decision became more restrictive' },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;
type StringOption = { [K in OptionName]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never }[OptionName];
type BooleanOption = Exclude<OptionName, StringOption>;

export class UsageError extends Error {}

/** The options and arguments of one command, as parsed. */
export class ParsedArgs {
  constructor(
    private readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>,
    /** Arguments that are not options (the paths of `validate` and `test`). */
    readonly positionals: readonly string[],
  ) {}

  /** A string option's value; the last one when it was given twice. */
  string(name: StringOption): string | undefined {
    const v = this.values[name];
    return Array.isArray(v) ? v.at(-1) : typeof v === 'string' ? v : undefined;
  }

  /** Every value of a list option, in order; undefined when the option was not given. */
  list(name: StringOption): string[] | undefined {
    const v = this.values[name];
    return Array.isArray(v) ? [...v] : typeof v === 'string' ? [v] : undefined;
  }

  flag(name: BooleanOption): boolean {
    return this.values[name] === true;
  }
}

/**
 * Parses the arguments of `command`. Options of other commands, a value given to a flag
 * (`--json=false`), a missing value and stray arguments are usage errors.
 */
export function parseCommandArgs(command: CommandName, args: string[], opts: { positionals: boolean }): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(OPTIONS) as [OptionName, OptionSpec][]) {
    if (spec.for.includes(command)) options[name] = { type: spec.type, multiple: spec.list === true };
  }
  // `--value -5`: parseArgs takes "-5" for an option; given as the option's value, the option's
  // own check says what is wrong with it ("must be an amount ... not -5")
  const argv: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const takesValue = a.startsWith('--') && !a.includes('=') && options[a.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      argv.push(`${a}=${next}`);
      i++;
    } else argv.push(a);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    throw new UsageError(usageMessage(err, command));
  }
  // list options are strings: their values are string[]
  const values = { ...parsed.values } as Record<string, string | boolean | string[] | undefined>;
  // `--rules a b c`: the words right after a list option, given without `=`, are its values
  const positionals: string[] = [];
  let open: string | undefined;
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'positional' && open) (values[open] as string[]).push(t.value);
    else if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind === 'option') open = (OPTIONS as Record<string, OptionSpec>)[t.name]?.list && t.inlineValue === false ? t.name : undefined;
    else if (t.kind === 'option-terminator') open = undefined;
  }
  if (!opts.positionals && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (${command} takes options only)`);
  return new ParsedArgs(values, positionals);
}

/** Node's message, first sentence, with the name of the command for an option it does not take. */
function usageMessage(err: unknown, command: CommandName): string {
  const e = err as { code?: string; message?: string };
  const name = /'(-[^' ]+)/.exec(e.message ?? '')?.[1];
  if (!name) return e.message ?? String(err);
  const known = name.startsWith('--') && name.slice(2) in OPTIONS;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return known ? `${command} does not take ${name}` : `unknown option ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message ?? '') ? `${name} takes no value (give ${name} or leave it out)` : `${name} needs a value`;
    default:
      return (e.message ?? String(err)).split(/\.\s|\n/)[0];
  }
}

/** The options part of the help text, made from the table. */
export function optionsHelp(): string {
  const rows = (Object.entries(OPTIONS) as [OptionName, OptionSpec][]).map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ''}`, `${spec.help} [${spec.for.join(', ')}]`]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}
