// LSP wiring only: connection, document sync, debounce, routing. Every feature is a pure
// function in service/; the workspace index and the engine hold the state.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCatalog } from './catalog/catalog';
import { CheckInputError } from './engine/types';
import * as protocol from './protocol';
import { quickFixes } from './service/codeActions';
import { complete } from './service/completion';
import { carryOver, sortProblems, toDiagnostic } from './service/diagnostics';
import type { Problem } from './model/types';
import { validateRuleTree } from './model/validate';
import { entrySpans } from './model/document';
import { domainProblems } from './service/domainDiagnostics';
import { hover } from './service/hover';
import { definition, prepareRename, references, rename, workspaceSymbols } from './service/navigation';
import { checkItem, listItems, productLenses } from './service/checkItem';
import { documentSymbols } from './service/symbols';
import { decisionMatrix, diffMatrices, matrixDestinations, matrixItems } from './impact/matrix';
import { docsAtRevision } from './impact/gitRevision';
import { findRuleFiles, globToRegExp, insideRoot, readRuleFile, RULE_FILE } from './workspace/files';
import { loadStarterPack } from './workspace/starterPack';
import { RuleWorkspace, type StarterPackMode } from './workspace/workspace';

interface Settings {
  extraFileGlobs: string[];
  maxFileSize: number;
  starterPack: StarterPackMode;
}

const DEFAULT_SETTINGS: Settings = { extraFileGlobs: [], maxFileSize: 20_000_000, starterPack: 'auto' };

export function startServer(connection: Connection): void {
  const catalog = getCatalog();
  const documents = new TextDocuments(TextDocument);
  const workspace = new RuleWorkspace(catalog);
  let settings = DEFAULT_SETTINGS;
  let roots: string[] = [];
  let extra: RegExp[] = [];
  /** Files too large or unreadable: one diagnostic instead of their content. */
  const unreadable = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();

  const isRuleUri = (uri: string) => RULE_FILE.test(uri) || extra.some((r) => r.test(uri));
  const fsPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
  const inWorkspace = (uri: string) => {
    const p = fsPath(uri);
    return !!p && (roots.length === 0 || roots.some((r) => insideRoot(r, p)));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as Partial<Settings> & { useStarterPack?: boolean };
    settings = { ...DEFAULT_SETTINGS, ...opts };
    if (!(typeof settings.maxFileSize === 'number' && settings.maxFileSize > 0)) settings.maxFileSize = DEFAULT_SETTINGS.maxFileSize;
    if (!Array.isArray(settings.extraFileGlobs)) settings.extraFileGlobs = [];
    if (!['auto', 'always', 'off'].includes(settings.starterPack)) settings.starterPack = opts.useStarterPack === false ? 'off' : 'auto';
    extra = settings.extraFileGlobs.map(globToRegExp);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => fsPath(u)).filter((p): p is string => !!p);
    // ready means ready: the schema validators are compiled and the catalog indexed before the
    // answer, not on the first file opened
    validateRuleTree(null);
    catalog.eccn('EAR99');
    catalog.destination('US');
    catalog.searchEccns('3A0', 1);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '"', "'", ',', '[', '-'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'export-rules-language-server', version: '0.1.0' },
    };
  });

  /**
   * Background work (reading the folder, checking every file) in slices of a few ms, each
   * after the messages that arrived meanwhile: a timer, not setImmediate, whose callbacks run
   * before the connection is next read. While `waitFor` says so (an opened or edited file
   * waits for its checks), it waits: those go first. `work` does one piece; false when done.
   */
  function background(work: () => boolean, waitFor: () => boolean, cancelled: () => boolean = () => false): void {
    const slice = (): void => {
      if (cancelled()) return;
      if (waitFor()) return void setTimeout(slice, 10);
      const until = performance.now() + 10;
      do if (!work()) return;
      while (performance.now() < until && !waitFor());
      setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }
  const analysisPending = () => timers.size > 0;
  const checkPending = () => timers.size > 0 || fullTimers.size > 0;

  /** While the folder is read, full checks wait (they would miss names the other files define). */
  let indexing = false;

  connection.onInitialized(() => {
    // loaded when first used: a workspace with rule files of its own never parses it in `auto`
    workspace.setStarterPack(settings.starterPack === 'off' ? [] : loadStarterPack, settings.starterPack);
    // a file the user opens meanwhile is answered first (it is then not read from disk again:
    // the buffer wins; and one read from disk is not analysed again when opened unchanged)
    const queue = roots.flatMap((root) => findRuleFiles(root, extra)).map((p) => pathToFileURL(p).toString());
    if (queue.length === 0) return publishAll();
    indexing = true;
    background(() => {
      const uri = queue.shift();
      if (uri === undefined) {
        indexing = false;
        publishAll();
        return false;
      }
      if (!documents.get(uri)) {
        loadFromDisk(uri);
        publishAnalysed(uri);
      }
      return true;
    }, analysisPending);
  });

  function loadFromDisk(uri: string): void {
    const p = fsPath(uri);
    if (!p || !inWorkspace(uri)) return;
    const r = readRuleFile(p, settings.maxFileSize);
    if (r.ok) {
      unreadable.delete(uri);
      workspace.set(uri, r.text, 0, false);
    } else {
      unreadable.set(uri, r.reason);
      workspace.delete(uri);
    }
  }

  /**
   * The workspace-wide findings of the last full check of each file, the text they are about,
   * and the workspace generation they were computed at (the same text at the same generation
   * needs no new check: a folder's index finishing after the file was opened and checked).
   */
  const lastDomain = new Map<string, { text: string; problems: Problem[]; generation: number }>();
  /** The version of each file whose full check is the last thing published for it. */
  const publishedFull = new Map<string, number>();

  function publishUnreadable(uri: string, reason: string): void {
    publishedFull.delete(uri);
    connection.sendDiagnostics({
      uri,
      diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: 'file-unreadable', source: 'export-rules', message: reason }],
    });
  }

  /** The full check of a file: syntax, schema and every domain check. */
  function publish(uri: string): void {
    const reason = unreadable.get(uri);
    if (reason) return publishUnreadable(uri, reason);
    const doc = workspace.get(uri);
    if (!doc || workspace.isStarterPack(uri)) return;
    const open = documents.get(uri);
    if (open && open.version !== doc.version) return; // a newer version is on its way
    const last = lastDomain.get(uri);
    if (last && last.text === doc.text && last.generation === workspace.generation && publishedFull.get(uri) === doc.version) return;
    let domain: Problem[] = [];
    try {
      domain = domainProblems(doc, workspace, catalog);
    } catch (err) {
      connection.console.error(`domain checks failed for ${uri}: ${String(err)}`);
    }
    lastDomain.set(uri, { text: doc.text, problems: domain, generation: workspace.generation });
    publishedFull.set(uri, doc.version);
    connection.sendDiagnostics({ uri, version: open?.version, diagnostics: sortProblems([...doc.problems, ...domain]).map((p) => toDiagnostic(doc, p)) });
  }

  /**
   * The quick check right after an edit: syntax and schema of the new text, with the domain
   * findings of the last full check carried over the edit. What was just typed is marked at
   * once; the full check follows when typing pauses.
   */
  function publishQuick(uri: string): void {
    const doc = workspace.get(uri);
    const open = documents.get(uri);
    if (!doc || !open || open.version !== doc.version || workspace.isStarterPack(uri)) return;
    const last = lastDomain.get(uri);
    const same = last?.text === doc.text;
    const carried = !last ? [] : same ? last.problems : carryOver(last.problems, last.text, doc.text, entrySpans(doc.root));
    // the findings of a full check of this very text, still current: this publish is a full one
    if (same && last.generation === workspace.generation) publishedFull.set(uri, doc.version);
    else publishedFull.delete(uri);
    connection.sendDiagnostics({ uri, version: open.version, diagnostics: sortProblems([...doc.problems, ...carried]).map((p) => toDiagnostic(doc, p)) });
  }

  /**
   * The full check of every file, one per turn of the event loop, so that a file being opened
   * or edited meanwhile is answered first (files whose findings are current are skipped); a
   * newer round replaces this one. Clients hear that rules changed when the round is done.
   */
  let allRound = 0;
  /**
   * What the folder's index found in a file, syntax and schema, at once: its full check waits
   * until every file is read, which can take a while in a large folder.
   */
  function publishAnalysed(uri: string): void {
    const reason = unreadable.get(uri);
    if (reason) return publishUnreadable(uri, reason);
    const doc = workspace.get(uri);
    if (!doc || documents.get(uri) || workspace.isStarterPack(uri) || doc.problems.length === 0) return;
    connection.sendDiagnostics({ uri, diagnostics: sortProblems(doc.problems).map((p) => toDiagnostic(doc, p)) });
  }

  function publishAll(): void {
    const mine = ++allRound;
    // open files first: someone is looking at them
    const uris = [...new Set([...workspace.ownUris(), ...unreadable.keys()])];
    const queue = [...uris.filter((u) => documents.get(u)), ...uris.filter((u) => !documents.get(u))];
    background(
      () => {
        const uri = queue.shift();
        if (uri === undefined) {
          connection.sendNotification(protocol.RulesChangedNotification, {});
          return false;
        }
        publish(uri);
        return true;
      },
      checkPending,
      () => mine !== allRound,
    );
  }

  /**
   * After an edit, the other files are re-checked too (names, rules and tests may have
   * changed), one per turn of the event loop, so the next keystroke or request need not wait
   * for all of them; a newer edit starts the round again.
   */
  let round = 0;
  function republishOthers(except: string): void {
    const mine = ++round;
    const queue = workspace.ownUris().filter((u) => u !== except);
    const step = (): void => {
      const next = queue.shift();
      if (mine !== round || next === undefined) return;
      publish(next);
      setImmediate(step);
    };
    setImmediate(step);
  }

  /** Files just opened: analysed at once (the open also fires a content change, not to wait for). */
  const opening = new Set<string>();

  const fullTimers = new Map<string, NodeJS.Timeout>();
  /** No pending check of the file (the maps hold only pending ones: a round waits for them). */
  const cancelChecks = (uri: string) => {
    clearTimeout(timers.get(uri));
    clearTimeout(fullTimers.get(uri));
    timers.delete(uri);
    fullTimers.delete(uri);
  };

  /**
   * After an edit: re-analyse the file and publish its quick check at once; when typing pauses,
   * the full check of the file, then of the others (names, rules and tests may have changed).
   */
  function schedule(uri: string, immediate = false): void {
    if (!immediate && opening.has(uri)) return;
    cancelChecks(uri);
    const text = documents.get(uri)?.getText() ?? '';
    // a short pause joins a burst of changes; slower typing on a large file is joined anyway,
    // as changes queue up while the last one is analysed
    const delay = immediate ? 0 : text.length < 200_000 ? 10 : 5;
    if (immediate) opening.add(uri);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const opened = opening.delete(uri);
        const open = documents.get(uri);
        if (!open) return;
        if (open.getText().length > settings.maxFileSize) {
          unreadable.set(uri, `The file is larger than ${settings.maxFileSize} bytes (setting exportRules.maxFileSize); it is not checked.`);
          workspace.delete(uri);
          publish(uri);
          return;
        }
        unreadable.delete(uri);
        workspace.set(uri, open.getText(), open.version, true);
        publishQuick(uri);
        // the full check costs more on a large file: after an edit, wait for a pause in typing;
        // on opening, right after the quick check has gone out
        const pause = opened ? 0 : open.getText().length < 200_000 ? 20 : 150;
        fullTimers.set(
          uri,
          setTimeout(() => {
            fullTimers.delete(uri);
            if (indexing) return; // the folder's index checks every file when it is done, open ones first
            publish(uri);
            connection.sendNotification(protocol.RulesChangedNotification, { uri });
            republishOthers(uri);
          }, pause),
        );
      }, delay),
    );
  }

  documents.onDidOpen((e) => {
    if (!isRuleUri(e.document.uri)) return;
    schedule(e.document.uri, true);
  });
  documents.onDidChangeContent((e) => {
    if (isRuleUri(e.document.uri)) schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    cancelChecks(uri);
    lastDomain.delete(uri);
    publishedFull.delete(uri);
    opening.delete(uri);
    const p = fsPath(uri);
    const disk = p && inWorkspace(uri) ? readRuleFile(p, settings.maxFileSize) : undefined;
    workspace.close(uri, disk?.ok ? disk.text : undefined);
    if (!workspace.get(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    publishAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const c of params.changes) {
      if (!isRuleUri(c.uri) || workspace.isOpen(c.uri)) continue;
      if (c.type === FileChangeType.Deleted) {
        workspace.delete(c.uri);
        unreadable.delete(c.uri);
        publishedFull.delete(c.uri);
        connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      } else loadFromDisk(c.uri);
    }
    publishAll();
  });

  /** The analysed document for a request; undefined for unknown or closed documents. */
  const docFor = (uri: string) => (isRuleUri(uri) ? (syncNow(uri), workspace.get(uri)) : undefined);
  /** A request may arrive before the debounce fired: analyse the latest text first. */
  function syncNow(uri: string): void {
    const open = documents.get(uri);
    if (!open) return;
    const current = workspace.get(uri);
    if (current && current.version === open.version) return;
    // over the limit the file is not read at all, requests included (schedule reports it)
    if (open.getText().length > settings.maxFileSize) {
      if (current) workspace.delete(uri);
      return;
    }
    workspace.set(uri, open.getText(), open.version, true);
  }
  const offsetOf = (uri: string, pos: { line: number; character: number }) => {
    const doc = docFor(uri);
    return doc ? { doc, offset: doc.lines.offsetAt(pos) } : undefined;
  };
  const guard = <T>(token: CancellationToken, fallback: T, fn: () => T): T => {
    if (token.isCancellationRequested) return fallback;
    try {
      return fn();
    } catch (err) {
      connection.console.error(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };

  connection.onCompletion((p, token) =>
    guard(token, null, () => {
      const at = offsetOf(p.textDocument.uri, p.position);
      return at ? complete(at.doc, at.offset, workspace, catalog) : null;
    }),
  );
  connection.onHover((p, token) =>
    guard(token, null, () => {
      const at = offsetOf(p.textDocument.uri, p.position);
      return at ? hover(at.doc, at.offset, workspace, catalog) : null;
    }),
  );
  connection.onDocumentSymbol((p, token) =>
    guard(token, [], () => {
      const doc = docFor(p.textDocument.uri);
      return doc ? documentSymbols(doc) : [];
    }),
  );
  connection.onWorkspaceSymbol((p, token) => guard(token, [], () => workspaceSymbols(p.query, workspace)));
  connection.onDefinition((p, token) =>
    guard(token, [], () => {
      const at = offsetOf(p.textDocument.uri, p.position);
      return at ? definition(at.doc, at.offset, workspace) : [];
    }),
  );
  connection.onReferences((p, token) =>
    guard(token, [], () => {
      const at = offsetOf(p.textDocument.uri, p.position);
      return at ? references(at.doc, at.offset, workspace, p.context.includeDeclaration) : [];
    }),
  );
  connection.onPrepareRename((p, token) =>
    guard(token, null, () => {
      const at = offsetOf(p.textDocument.uri, p.position);
      return at ? prepareRename(at.doc, at.offset) : null;
    }),
  );
  connection.onRenameRequest((p) => {
    const at = offsetOf(p.textDocument.uri, p.position);
    if (!at) return null;
    try {
      return rename(at.doc, at.offset, p.newName, workspace);
    } catch (err) {
      return new ResponseError(-32602, err instanceof Error ? err.message : String(err));
    }
  });
  connection.onCodeAction((p, token) => guard(token, [], () => quickFixes(p.textDocument.uri, p.context.diagnostics)));
  connection.onCodeLens((p, token) =>
    guard(token, [], () => {
      const doc = docFor(p.textDocument.uri);
      return doc ? productLenses(doc) : [];
    }),
  );

  /** A custom request cancelled before it starts is not run: it answers RequestCancelled. */
  const unlessCancelled =
    <P, R, E = undefined>(fn: (p: P) => R | ResponseError<E>) =>
    // untyped requests get positional parameters spread before the token, so the token is
    // the last argument, whatever a client sent
    (p: P, ...rest: unknown[]): R | ResponseError<E | undefined> => {
      const token = rest.find((x): x is CancellationToken => CancellationToken.is(x));
      return token?.isCancellationRequested ? new ResponseError<E | undefined>(LSPErrorCodes.RequestCancelled, 'The request was cancelled.') : fn(p);
    };
  connection.onRequest(protocol.CheckItemRequest, unlessCancelled((p: protocol.CheckItemParams) => {
    try {
      return checkItem(p, workspace, catalog, roots);
    } catch (err) {
      if (err instanceof CheckInputError) return new ResponseError(-32602, err.message, { field: err.field, suggestions: err.suggestions });
      throw err;
    }
  }));
  connection.onRequest(protocol.ListItemsRequest, unlessCancelled(() => listItems(workspace, catalog)));
  connection.onRequest(protocol.RunTestsRequest, unlessCancelled((p: protocol.RunTestsParams) => {
    const sets = workspace.ruleSets().filter((s) => !p?.uri || s.uri === p.uri);
    return workspace.engine().runTests(sets);
  }));
  connection.onRequest(protocol.DecisionMatrixRequest, unlessCancelled((p: protocol.DecisionMatrixParams) => {
    const date = p?.date ?? new Date().toISOString().slice(0, 10);
    return decisionMatrix(workspace.engine(), matrixItems(workspace.products(), catalog, p?.eccns), matrixDestinations(catalog), date, catalog);
  }));
  connection.onRequest(protocol.WhatChangedRequest, unlessCancelled((p: protocol.WhatChangedParams) => {
    const root = roots[0];
    if (!root) return new ResponseError(-32602, 'What changed needs a workspace folder under git.');
    const date = p?.date ?? new Date().toISOString().slice(0, 10);
    try {
      const base = new RuleWorkspace(catalog);
      for (const d of docsAtRevision(p?.base ?? 'HEAD', [], root)) base.set(d.uri, d.text, 0, false);
      const items = matrixItems([...workspace.products(), ...base.products()], catalog);
      const destinations = matrixDestinations(catalog);
      const changes = diffMatrices(decisionMatrix(base.engine(), items, destinations, date, catalog), decisionMatrix(workspace.engine(), items, destinations, date, catalog));
      return { base: p?.base ?? 'HEAD', date, changes, dataAsOf: catalog.data.dataAsOf, notice: catalog.data.notice };
    } catch (err) {
      return new ResponseError(-32602, err instanceof Error ? err.message : String(err));
    }
  }));
  connection.onRequest(protocol.DocumentInfoRequest, unlessCancelled((p: protocol.DocumentInfoParams): protocol.DocumentInfoResult => {
    const doc = docFor(p.uri);
    const set = doc?.ruleSet;
    return { ruleset: set?.id, title: set?.title, rules: set?.rules.length ?? 0, tests: set?.tests.length ?? 0 };
  }));

  documents.listen(connection);
  connection.listen();
}

let started = false;

/** Starts on the transport named in argv: --stdio, --node-ipc or --socket=N. */
export function main(): void {
  if (started) return;
  started = true;
  const connection = createConnection(ProposedFeatures.all);
  // a bug in one request must not take the server down with every open editor
  process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err.stack ?? err.message}`));
  startServer(connection);
}

// the client starts this module over IPC; the bin script over stdio
if (process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) main();
