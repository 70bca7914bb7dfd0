// A minimal LSP client for benchmarking any language server over stdio (the approach of
// test/protocol/harness.ts): spawn, initialize (with a workspace folder, as VS Code does when
// a folder is open), open, edit, request, and watch publishDiagnostics with arrival times. It
// answers workspace/configuration from a settings object, so yaml-language-server can be
// told which schema applies.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface Publish {
  at: number; // performance.now() when it arrived
  params: PublishDiagnosticsParams;
}

export interface BenchServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** Milliseconds from spawn to the initialize result. */
  initializeMs: number;
  publishes: Publish[];
  open(uri: string, languageId: string, text: string): void;
  /** One incremental change: replace the range with text. */
  edit(uri: string, version: number, range: { start: Position; end: Position }, text: string): void;
  /** The first publish for uri, arriving after `since`, that satisfies pred. */
  waitFor(uri: string, pred: (d: Diagnostic[]) => boolean, since: number, timeoutMs: number): Promise<Publish>;
  request<R>(method: string, params: unknown): Promise<R>;
  /** VmHWM (peak resident set) of the server process, in kB; undefined off Linux. */
  peakRssKb(): number | undefined;
  stop(): Promise<void>;
}

export interface Position {
  line: number;
  character: number;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  languageId: string;
  /** Settings by section, for workspace/configuration and didChangeConfiguration. */
  settings?: Record<string, unknown>;
  /** What the client sends in `initialize` (VS Code's client sends the extension's settings). */
  initializationOptions?: Record<string, unknown>;
  /** The server's own diagnostics (its source), which the benchmark waits for. */
  own(d: Diagnostic): boolean;
  /** Whether the server checks more than syntax and schema (a second, full publish). */
  domainChecks: boolean;
}

export interface StartOptions {
  /** The workspace folder, as rootUri and workspaceFolders; none when undefined (a lone file). */
  folder?: string;
}

const CLIENT_CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
};

export async function startBenchServer(spec: ServerSpec, start: StartOptions = {}): Promise<BenchServer> {
  const t0 = performance.now();
  const proc = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // BENCH_STDERR=1 shows what the servers write to stderr; otherwise it is read and dropped, so
  // a chatty server never blocks on a full pipe
  if (process.env.BENCH_STDERR) proc.stderr!.pipe(process.stderr);
  else proc.stderr!.resume();
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const publishes: Publish[] = [];
  const waiters: { uri: string; since: number; pred: (d: Diagnostic[]) => boolean; resolve: (p: Publish) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const p = { at: performance.now(), params };
    publishes.push(p);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && p.at >= w.since && w.pred(params.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification(() => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((i) => (i.section ? (spec.settings?.[i.section] ?? null) : null)),
  );
  connection.onRequest(() => null);
  connection.listen();
  const folderUri = start.folder === undefined ? null : pathToFileURL(start.folder).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: path.basename(start.folder!) }],
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions: spec.initializationOptions ?? {},
  });
  const initializeMs = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  if (spec.settings) await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });

  return {
    connection,
    process: proc,
    initializeMs,
    publishes,
    open(uri, languageId, text) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    edit(uri, version, range, text) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    },
    waitFor(uri, pred, since, timeoutMs) {
      const done = publishes.find((p) => p.params.uri === uri && p.at >= since && pred(p.params.diagnostics));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const w = {
          uri,
          since,
          pred,
          resolve: (p: Publish) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          const last = publishes.filter((p) => p.params.uri === uri).at(-1);
          reject(new Error(`${spec.name}: no matching diagnostics within ${timeoutMs} ms (last publish: ${last ? `${last.params.diagnostics.filter(spec.own).length} of its own of ${last.params.diagnostics.length}` : 'none'})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest(method, params) as Promise<R>;
    },
    peakRssKb() {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
        return m ? Number(m[1]) : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        void connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 50));
      connection.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
}
