// A rule file opened in the folder the server indexes is analysed (parsed, validated, typed)
// once: the index reads it from disk, the editor sends the same text on didOpen, and the
// second comes to nothing whichever arrives first. Counted, not timed: the server runs
// in-process (startServer over in-memory streams) so its analysis counter can be read.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analysisStats } from '../../server/src/model/document';
import { startServer } from '../../server/src/server';

const fixtures = path.resolve(__dirname, '../fixtures/domain');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-parse-once-'));
const rulesPath = path.join(folder, 'codes.ecr.yaml');
const rulesUri = pathToFileURL(rulesPath).toString();
const rulesText = fs.readFileSync(path.join(fixtures, 'codes.ecr.yaml'), 'utf8');

before(() => {
  fs.writeFileSync(rulesPath, rulesText);
  fs.copyFileSync(path.join(fixtures, 'shared/regimes.ecr.yaml'), path.join(folder, 'regimes.ecr.yaml'));
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

interface InProcess {
  client: MessageConnection;
  published: PublishDiagnosticsParams[];
  /** The first publish for uri (received or to come) that satisfies pred. */
  publish(uri: string, pred: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  rulesChanged: Promise<void>;
  stop(): Promise<void>;
}

async function startInProcess(): Promise<InProcess> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri !== p.uri || !w.pred(p)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  let changed!: () => void;
  const rulesChanged = new Promise<void>((r) => (changed = r));
  client.onNotification('exportRules/rulesChanged', () => changed());
  client.onNotification(() => undefined);
  client.onRequest(() => null);
  client.listen();
  const uri = pathToFileURL(folder).toString();
  await client.sendRequest('initialize', { processId: null, rootUri: uri, workspaceFolders: [{ uri, name: 'rules' }], capabilities: {} });
  await client.sendNotification('initialized', {});
  return {
    client,
    published,
    publish: (uri, pred) => {
      const done = published.find((p) => p.uri === uri && pred(p));
      return done ? Promise.resolve(done) : new Promise((resolve) => waiters.push({ uri, pred, resolve }));
    },
    rulesChanged,
    // the streams stay open: rounds of checks the server has queued finish into them (closing
    // them would fail those writes), and nothing of it keeps the test process alive
    stop: async () => {
      await client.sendRequest('shutdown');
    },
  };
}

const open = (s: InProcess, version: number, text = rulesText) =>
  s.client.sendNotification('textDocument/didOpen', { textDocument: { uri: rulesUri, languageId: 'export-rules', version, text } });
/** The full check of the open version: it has the domain checks' findings (unknown-eccn). */
const fullCheckOf = (version: number) => (p: PublishDiagnosticsParams) => p.version === version && p.diagnostics.some((d) => d.code === 'unknown-eccn');

test('opened right after start, as VS Code reopens a folder: the file is analysed once', async () => {
  analysisStats.counting = new Map();
  const s = await startInProcess();
  try {
    await open(s, 1);
    await s.publish(rulesUri, fullCheckOf(1));
    await s.rulesChanged; // the folder index is done
    assert.equal(analysisStats.counting.get(rulesUri), 1);
  } finally {
    await s.stop();
    analysisStats.counting = undefined;
  }
});

test('opened after the folder was indexed: the text read from disk is not analysed again', async () => {
  analysisStats.counting = new Map();
  const s = await startInProcess();
  try {
    await s.rulesChanged;
    assert.equal(analysisStats.counting.get(rulesUri), 1, 'read from disk');
    await open(s, 4);
    const full = await s.publish(rulesUri, fullCheckOf(4));
    assert.equal(analysisStats.counting.get(rulesUri), 1);
    // the diagnostics of the open version are those of the full check of the disk's text
    const fromDisk = s.published.filter((p) => p.uri === rulesUri && p.version === undefined).at(-1)!;
    assert.ok(fromDisk.diagnostics.some((d) => d.code === 'unknown-eccn'), 'the full check of the file read from disk');
    assert.deepEqual(full.diagnostics, fromDisk.diagnostics);
    // an edit is analysed (the counter counts)
    await s.client.sendNotification('textDocument/didChange', { textDocument: { uri: rulesUri, version: 5 }, contentChanges: [{ text: `${rulesText}\n# edited\n` }] });
    await s.publish(rulesUri, fullCheckOf(5));
    assert.equal(analysisStats.counting.get(rulesUri), 2);
  } finally {
    await s.stop();
    analysisStats.counting = undefined;
  }
});
