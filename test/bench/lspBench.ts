// One cold session against a language server: start (with the file's folder open, or not),
// open a generated rule file, wait for the planted errors (the quick check) and the planted
// domain error (the full check), edit in one more of each, then completion, hover, document
// symbols and peak memory. The same steps drive this server and yaml-language-server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { serverExecArgv } from '../../server/src/launch';
import { UNDEFINED_REGIME, type GeneratedRules } from './generate';
import { startBenchServer, type ServerSpec } from './lsp';
import { series } from './stats';

export const repoRoot = path.resolve(__dirname, '../..');

/** What the user has open: a lone file, or the folder holding it (VS Code's usual case),
 *  with or without the starter pack layered under the folder's rules. */
export interface Scenario {
  name: 'no-folder' | 'folder' | 'folder+pack';
  folder: boolean;
  starterPack: 'auto' | 'always' | 'off';
}

export const SCENARIOS: Record<Scenario['name'], Scenario> = {
  'no-folder': { name: 'no-folder', folder: false, starterPack: 'auto' },
  folder: { name: 'folder', folder: true, starterPack: 'auto' },
  'folder+pack': { name: 'folder+pack', folder: true, starterPack: 'always' },
};

export function oursSpec(scenario: Scenario = SCENARIOS.folder): ServerSpec {
  return {
    name: 'export-rules',
    command: process.execPath,
    // the flags the extension starts it with (VS Code uses IPC; the messages are the same)
    args: [...serverExecArgv(), path.join(repoRoot, 'dist/server/server.js'), '--stdio'],
    languageId: 'export-rules',
    // what the extension's client sends (client/src/serverConnection.ts), defaults but the pack
    initializationOptions: { extraFileGlobs: [], maxFileSize: 20_000_000, starterPack: scenario.starterPack },
    own: (d) => d.source === 'export-rules',
    domainChecks: true,
  };
}

/**
 * yaml-language-server with our schema. Its outline stops at `maxItemsComputed` symbols
 * (`yaml.maxItemsComputed`, default 5000, languageHandlers.js): set to the number of symbols
 * this server returns for the same file, so both compute the same number.
 */
export function yamlLsSpec(symbolLimit?: number): ServerSpec {
  const schema = pathToFileURL(path.join(repoRoot, 'schemas/export-rules.schema.json')).toString();
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    languageId: 'yaml',
    // schemaStore off: no network, and only our schema applies
    settings: {
      yaml: { schemas: { [schema]: '*.ecr.yaml' }, validate: true, completion: true, hover: true, schemaStore: { enable: false }, ...(symbolLimit ? { maxItemsComputed: symbolLimit } : {}) },
    },
    own: (d) => String(d.source ?? '').startsWith('yaml-schema'),
    domainChecks: false,
  };
}

/**
 * yaml-language-server validates a document a fixed 200 ms after it opens or changes
 * (`validationDelayMs = 200` in its out/src/yamlSettings.js, used by validationHandlers.js,
 * no setting changes it): read from the installed package, so the report states what it ran.
 */
export function peerValidationDelayMs(): number | undefined {
  try {
    const src = fs.readFileSync(path.join(repoRoot, 'node_modules/yaml-language-server/out/src/yamlSettings.js'), 'utf8');
    const m = /validationDelayMs\s*=\s*(\d+)/.exec(src);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function peerVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export interface SessionResult {
  server: string;
  scenario: Scenario['name'];
  initializeMs: number;
  /** didOpen to the first publish that shows the planted schema errors (the quick check). */
  quickDiagnosticsMs: number;
  /** didOpen to the first publish that shows every planted error, the domain one included
   *  (the full check); the same publish for a server without domain checks. */
  fullDiagnosticsMs: number;
  /** Each edit that added a schema error, to the publish that showed it. */
  editMs: number[];
  /** Each edit that named an undefined regime (found by the full check only), to its publish. */
  editFullMs: number[];
  completionValueMs: number[];
  completionKeyMs: number[];
  hoverMs: number[];
  symbolsMs: number[];
  /** Symbols in the outline, children included. */
  symbolCount: number;
  peakRssKb: number | undefined;
  /** Diagnostic codes of the first full publish, by count. */
  codes: Record<string, number>;
  /** Did each feature answer with something sensible? */
  works: { diagnostics: boolean; fullDiagnostics: boolean; edit: boolean; completionValue: boolean; completionKey: boolean; hover: boolean; symbols: boolean };
  errors: string[];
}

export interface SessionOptions {
  /** Timeout for the first diagnostics (large files on a slow peer take a while). */
  openTimeoutMs: number;
  edits: number;
  samples: { min: number; max: number; budgetMs: number };
}

const labels = (r: CompletionList | CompletionItem[] | null): string[] => (r ? (Array.isArray(r) ? r : r.items).map((i) => i.label) : []);

const countSymbols = (xs: readonly DocumentSymbol[] | null | undefined): number => (xs ?? []).reduce((n, s) => n + 1 + countSymbols(s.children), 0);

/**
 * One cold session. With a folder, the rule file lies in it on disk (the caller writes it
 * there), as when a user opens a file of the folder they work in.
 */
export async function runSession(spec: ServerSpec, scenario: Scenario, file: string, gen: GeneratedRules, opts: SessionOptions): Promise<SessionResult> {
  const uri = pathToFileURL(file).toString();
  const server = await startBenchServer(spec, { folder: scenario.folder ? path.dirname(file) : undefined });
  const result: SessionResult = {
    server: spec.name,
    scenario: scenario.name,
    initializeMs: server.initializeMs,
    quickDiagnosticsMs: NaN,
    fullDiagnosticsMs: NaN,
    editMs: [],
    editFullMs: [],
    completionValueMs: [],
    completionKeyMs: [],
    hoverMs: [],
    symbolsMs: [],
    symbolCount: 0,
    peakRssKb: undefined,
    codes: {},
    works: { diagnostics: false, fullDiagnostics: false, edit: false, completionValue: false, completionKey: false, hover: false, symbols: false },
    errors: [],
  };
  // an error of the server's own on each of the lines: found by line, so findings a scenario
  // adds elsewhere (the pack's regimes beside the file's) do not matter
  const errorLines = (d: Diagnostic[]) => new Set(d.filter((x) => x.severity === 1 && spec.own(x)).map((x) => x.range.start.line));
  const errorsOn =
    (lines: number[], without: number[] = []) =>
    (d: Diagnostic[]) => {
      const at = errorLines(d);
      return lines.every((l) => at.has(l)) && without.every((l) => !at.has(l));
    };
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      result.errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  try {
    await step('open', async () => {
      const t = performance.now();
      server.open(uri, spec.languageId, gen.text);
      const quick = await server.waitFor(uri, errorsOn(gen.plantedLines), t, opts.openTimeoutMs);
      result.quickDiagnosticsMs = quick.at - t;
      result.works.diagnostics = true;
      const full = spec.domainChecks ? await server.waitFor(uri, errorsOn([...gen.plantedLines, gen.domainErrorLine]), t, opts.openTimeoutMs) : quick;
      result.fullDiagnosticsMs = full.at - t;
      for (const d of full.params.diagnostics) result.codes[String(d.code)] = (result.codes[String(d.code)] ?? 0) + 1;
      result.works.fullDiagnostics = true;
    });

    let version = 1;
    /** Replaces the value after `key: ` on a line, waits for an error there, then puts it back. */
    const editAndRevert = async (line: number, key: string, bad: string, into: number[]) => {
      const text = lineOf(gen.text, line);
      const valueStart = text.indexOf(`${key}: `) + key.length + 2;
      const good = text.slice(valueStart);
      const range = (len: number) => ({ start: { line, character: valueStart }, end: { line, character: valueStart + len } });
      let t = performance.now();
      server.edit(uri, ++version, range(good.length), bad);
      const p = await server.waitFor(uri, errorsOn([...gen.plantedLines, line]), t, opts.openTimeoutMs);
      into.push(p.at - t);
      t = performance.now();
      server.edit(uri, ++version, range(bad.length), good);
      await server.waitFor(uri, errorsOn(gen.plantedLines, [line]), t, opts.openTimeoutMs);
    };
    // an edit that misspells one more decision, then one that puts it back. Each edit writes
    // a text not written before (as typing does): the same edit again would find the findings
    // of its text remembered, and measure a lookup, not a check.
    await step('edit', async () => {
      for (let i = 0; i < opts.edits; i++) await editAndRevert(gen.editLine, 'decision', `licence-required-${i + 1}`, result.editMs);
      result.works.edit = result.editMs.length === opts.edits;
    });
    // an edit only the domain checks can judge: a destination naming an undefined regime
    if (spec.domainChecks) {
      await step('edit (domain)', async () => {
        for (let i = 0; i < opts.edits; i++) await editAndRevert(gen.domainEditLine, 'destinations', `[{ regime: ${UNDEFINED_REGIME}-${i + 1} }]`, result.editFullMs);
      });
    }

    const doc = { textDocument: { uri } };
    await step('completion at a value', async () => {
      const position = { line: gen.decisionLine, character: gen.keyIndent + 'decision: '.length };
      result.completionValueMs = await series(
        () => server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { ...doc, position }),
        opts.samples,
        (r) => (result.works.completionValue = labels(r).includes('license-required')),
      );
    });
    await step('completion at a key', async () => {
      const position = { line: gen.blankKeyLine, character: gen.keyIndent };
      result.completionKeyMs = await series(
        () => server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { ...doc, position }),
        opts.samples,
        (r) => (result.works.completionKey = labels(r).some((l) => l === 'review' || l === 'exceptions' || l === 'notes')),
      );
    });
    await step('hover', async () => {
      const position = { line: gen.decisionLine, character: gen.keyIndent + 2 };
      result.hoverMs = await series(
        () => server.request<Hover | null>('textDocument/hover', { ...doc, position }),
        opts.samples,
        (r) => (result.works.hover = !!r && JSON.stringify(r.contents).length > 20),
      );
    });
    await step('document symbols', async () => {
      result.symbolsMs = await series(
        () => server.request<DocumentSymbol[] | null>('textDocument/documentSymbol', doc),
        { min: 3, max: 5, budgetMs: opts.samples.budgetMs },
        (r) => {
          result.symbolCount = countSymbols(r);
          result.works.symbols = result.symbolCount > 0;
        },
      );
    });
    result.peakRssKb = server.peakRssKb();
  } finally {
    await server.stop();
  }
  return result;
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end);
}
