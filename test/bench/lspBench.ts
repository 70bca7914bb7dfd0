// One cold session against a language server: start, open a generated rule file, wait for
// the planted errors, edit in one more, then completion, hover, document symbols and peak
// memory. The same steps drive this server and yaml-language-server.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import type { GeneratedRules } from './generate';
import { startBenchServer, type ServerSpec } from './lsp';
import { series } from './stats';

export const repoRoot = path.resolve(__dirname, '../..');

export function oursSpec(): ServerSpec {
  return {
    name: 'export-rules',
    command: process.execPath,
    args: [path.join(repoRoot, 'dist/server/server.js'), '--stdio'],
    languageId: 'export-rules',
    countErrors: (d) => d.filter((x) => x.severity === 1 && x.source === 'export-rules').length,
  };
}

export function yamlLsSpec(): ServerSpec {
  const schema = pathToFileURL(path.join(repoRoot, 'schemas/export-rules.schema.json')).toString();
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    languageId: 'yaml',
    // schemaStore off: no network, and only our schema applies
    settings: { yaml: { schemas: { [schema]: '*.ecr.yaml' }, validate: true, completion: true, hover: true, schemaStore: { enable: false } } },
    countErrors: (d) => d.filter((x) => x.severity === 1 && String(x.source ?? '').startsWith('yaml-schema')).length,
  };
}

export interface SessionResult {
  server: string;
  initializeMs: number;
  firstDiagnosticsMs: number;
  /** Each edit that added an error, to the publish that showed it. */
  editMs: number[];
  completionValueMs: number[];
  completionKeyMs: number[];
  hoverMs: number[];
  symbolsMs: number[];
  peakRssKb: number | undefined;
  /** Diagnostic codes of the first matching publish (what the checks reported), by count. */
  codes: Record<string, number>;
  /** Did each feature answer with something sensible? */
  works: { diagnostics: boolean; edit: boolean; completionValue: boolean; completionKey: boolean; hover: boolean; symbols: boolean };
  errors: string[];
}

export interface SessionOptions {
  /** Timeout for the first diagnostics (large files on a slow peer take a while). */
  openTimeoutMs: number;
  edits: number;
  samples: { min: number; max: number; budgetMs: number };
}

const labels = (r: CompletionList | CompletionItem[] | null): string[] => (r ? (Array.isArray(r) ? r : r.items).map((i) => i.label) : []);

export async function runSession(spec: ServerSpec, file: string, gen: GeneratedRules, opts: SessionOptions): Promise<SessionResult> {
  const uri = pathToFileURL(file).toString();
  const server = await startBenchServer(spec);
  const result: SessionResult = {
    server: spec.name,
    initializeMs: server.initializeMs,
    firstDiagnosticsMs: NaN,
    editMs: [],
    completionValueMs: [],
    completionKeyMs: [],
    hoverMs: [],
    symbolsMs: [],
    peakRssKb: undefined,
    codes: {},
    works: { diagnostics: false, edit: false, completionValue: false, completionKey: false, hover: false, symbols: false },
    errors: [],
  };
  const count = (n: number) => (d: Diagnostic[]) => spec.countErrors(d) === n;
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
      const p = await server.waitFor(uri, count(gen.plantedErrors), t, opts.openTimeoutMs);
      result.firstDiagnosticsMs = p.at - t;
      for (const d of p.params.diagnostics) result.codes[String(d.code)] = (result.codes[String(d.code)] ?? 0) + 1;
      result.works.diagnostics = true;
    });

    // an edit that misspells one more decision, then one that puts it back
    const line = lineOf(gen.text, gen.editLine);
    const valueStart = line.indexOf('decision: ') + 'decision: '.length;
    const good = line.slice(valueStart);
    let version = 1;
    await step('edit', async () => {
      for (let i = 0; i < opts.edits; i++) {
        const range = (len: number) => ({ start: { line: gen.editLine, character: valueStart }, end: { line: gen.editLine, character: valueStart + len } });
        let t = performance.now();
        server.edit(uri, ++version, range(good.length), 'licence-required');
        const p = await server.waitFor(uri, count(gen.plantedErrors + 1), t, opts.openTimeoutMs);
        result.editMs.push(p.at - t);
        t = performance.now();
        server.edit(uri, ++version, range('licence-required'.length), good);
        await server.waitFor(uri, count(gen.plantedErrors), t, opts.openTimeoutMs);
      }
      result.works.edit = result.editMs.length === opts.edits;
    });

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
        (r) => (result.works.symbols = !!r && r.length > 0),
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
