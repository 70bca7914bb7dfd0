// LSP wiring only: connection, document sync, debounce, routing. Every feature is a pure
// function in service/; the workspace index and the engine hold the state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  type RequestType,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCatalog } from './catalog/catalog';
import { CheckInputError } from './engine/types';
import * as protocol from './protocol';
import { VERSION } from './version';
import { prepareForFirstFile } from './startup';
import { quickFixes } from './service/codeActions';
import { partyHover, partyProblems } from './service/parties';
import { embeddedScreeningIndex } from './screening/embedded';
import { loadListFile } from './screening/listFile';
import { DEFAULT_THRESHOLD } from './screening/match';
import { ScreeningIndex } from './screening/nameIndex';
import { createScreener, type PartyScreener } from './screening/screener';
import { complete } from './service/completion';
import { carryOver, fileDiagnostic, sortProblems, toDiagnostic } from './service/diagnostics';
import { localToday } from './model/dates';
import type { Problem } from './model/types';
import { entrySpans, type RuleDocument } from './model/document';
import { domainProblems } from './service/domainDiagnostics';
import { hover } from './service/hover';
import { definition, prepareRename, references, rename, workspaceSymbols } from './service/navigation';
import { checkItem, listItems, productLenses } from './service/checkItem';
import { documentSymbols } from './service/symbols';
import { matrixOf, whatChanged } from './impact/compare';
import { docsAtRevision } from './impact/gitRevision';
import { ConfigError, configuredRules, inConfiguredPaths } from './workspace/config';
import { fileUri, findRuleFiles, insideRoot, readRuleFile, RULE_FILE } from './workspace/files';
import { bundledStarterPack } from './workspace/starterPack';
import { RuleWorkspace } from './workspace/workspace';

type Settings = Required<protocol.InitializationOptions>;

/** docs/diagnostics.md, shipped beside the bundle: every diagnostic's code links to its section. */
const DIAGNOSTICS_DOCS = ((p) => (fs.existsSync(p) ? fileUri(p) : undefined))(path.resolve(__dirname, '../../docs/diagnostics.md'));

const DEFAULT_SETTINGS: Settings = { maxFileSize: 20_000_000, starterPack: 'auto', extraFiles: [], clientSelectsFiles: false, screeningList: '', screeningThreshold: DEFAULT_THRESHOLD };

export function startServer(connection: Connection): void {
  const catalog = getCatalog();
  const documents = new TextDocuments(TextDocument);
  const workspace = new RuleWorkspace(catalog);
  workspace.setScreener(() => theScreener());
  let settings = DEFAULT_SETTINGS;
  let roots: string[] = [];
  /** The files of the `exportRules.files` globs, as the client found them (it matches the globs). */
  let extra = new Set<string>();
  /** Files too large or unreadable: one diagnostic instead of their content. */
  const unreadable = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();

  /** A document or file event the server takes: every one from a client that selects the rule files, else by name. */
  const isRuleUri = (uri: string) => settings.clientSelectsFiles || RULE_FILE.test(uri) || extra.has(uri);
  const fsPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
  const inWorkspace = (uri: string) => {
    const p = fsPath(uri);
    return !!p && (roots.length === 0 || roots.some((r) => insideRoot(r, p)));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as protocol.InitializationOptions & { useStarterPack?: boolean };
    settings = { ...DEFAULT_SETTINGS, ...opts };
    if (!(typeof settings.maxFileSize === 'number' && settings.maxFileSize > 0)) settings.maxFileSize = DEFAULT_SETTINGS.maxFileSize;
    if (!Array.isArray(settings.extraFiles)) settings.extraFiles = [];
    settings.clientSelectsFiles = settings.clientSelectsFiles === true;
    if (!['auto', 'always', 'off'].includes(settings.starterPack)) settings.starterPack = opts.useStarterPack === false ? 'off' : 'auto';
    extra = new Set(settings.extraFiles.filter((u): u is string => typeof u === 'string' && u.startsWith('file:')));
    if (typeof settings.screeningList !== 'string') settings.screeningList = '';
    if (!(typeof settings.screeningThreshold === 'number' && settings.screeningThreshold > 0 && settings.screeningThreshold <= 1)) settings.screeningThreshold = DEFAULT_THRESHOLD;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => fsPath(u)).filter((p): p is string => !!p);
    // ready means ready: everything the first file's checks read is built before the answer
    prepareForFirstFile(catalog, settings.starterPack);
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
      serverInfo: { name: 'export-rules-language-server', version: VERSION },
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
      // (polled every 2 ms: the wait ends when an open file's check has gone out, and the
      // full checks that follow are what the user waits for next)
      if (waitFor()) return void setTimeout(slice, 2);
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
    workspace.setStarterPack(settings.starterPack === 'off' ? [] : bundledStarterPack, settings.starterPack);
    // a file the user opens meanwhile is answered first (it is then not read from disk again:
    // the buffer wins; and one read from disk is not analysed again when opened unchanged)
    const queue = [...new Set([...roots.flatMap((root) => findRuleFiles(root)).map(fileUri), ...extra])];
    if (queue.length === 0) return publishAll();
    indexing = true;
    background(() => {
      const uri = queue.shift();
      if (uri !== undefined && !documents.get(uri)) {
        loadFromDisk(uri);
        publishAnalysed(uri);
      }
      if (queue.length > 0) return true;
      // done as the last file is read, not a slice later: the full checks start one timer
      // sooner (publishAll still lets waiting messages through before the first)
      indexing = false;
      publishAll();
      return false;
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
   * The screening of parties, built when a file with parties is first checked (the embedded
   * list, or the file of the exportRules.screeningList setting: one that cannot be read is
   * said so, and the embedded list, named in every finding, screens instead).
   */
  let screener: PartyScreener | undefined;
  function partyScreener(doc: { ruleSet: { parties?: readonly unknown[] } }): PartyScreener | undefined {
    return screener || !doc.ruleSet.parties?.length ? screener : theScreener();
  }
  /** The screener, built on first use (a file with parties, a check that names a party). */
  function theScreener(): PartyScreener {
    if (screener) return screener;
    const file = settings.screeningList.trim();
    let index: ScreeningIndex | undefined;
    if (file) {
      const abs = path.isAbsolute(file) ? file : path.resolve(roots[0] ?? process.cwd(), file);
      try {
        index = new ScreeningIndex(loadListFile(abs, file));
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        void connection.window.showWarningMessage(`Export Rules: the screening list (setting exportRules.screeningList) cannot be used: ${msg}. Parties are screened against the embedded list instead.`);
      }
    }
    screener = createScreener(index ?? embeddedScreeningIndex(), settings.screeningThreshold);
    return screener;
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
      diagnostics: [fileDiagnostic('file-unreadable', reason, DIAGNOSTICS_DOCS)],
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
      domain.push(...partyProblems(doc, partyScreener(doc), workspace.parties()));
    } catch (err) {
      connection.console.error(`domain checks failed for ${uri}: ${String(err)}`);
    }
    lastDomain.set(uri, { text: doc.text, problems: domain, generation: workspace.generation });
    publishedFull.set(uri, doc.version);
    connection.sendDiagnostics({ uri, version: open?.version, diagnostics: sortProblems([...doc.problems, ...domain]).map((p) => toDiagnostic(doc, p, DIAGNOSTICS_DOCS)) });
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
    connection.sendDiagnostics({ uri, version: open.version, diagnostics: sortProblems([...doc.problems, ...carried]).map((p) => toDiagnostic(doc, p, DIAGNOSTICS_DOCS)) });
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
      return at ? (partyHover(at.doc, at.offset, partyScreener(at.doc)) ?? hover(at.doc, at.offset, workspace, catalog)) : null;
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

  /**
   * Registers a custom request, its handler typed by the RequestType of protocol.ts. A request
   * cancelled before it starts is not run: it answers RequestCancelled. Registered by method
   * name, so a client may send positional parameters (VS Code sends [params, null]) or none.
   */
  function handle<P, R, E>(type: RequestType<P, R, E>, fn: (p: P) => R | ResponseError<E>): void {
    connection.onRequest(type.method, (p: P, ...rest: unknown[]): R | ResponseError<E | undefined> => {
      // positional parameters are spread before the token: the token is the last argument
      const token = rest.find((x): x is CancellationToken => CancellationToken.is(x));
      return token?.isCancellationRequested ? new ResponseError<E | undefined>(LSPErrorCodes.RequestCancelled, 'The request was cancelled.') : fn(p);
    });
  }
  handle(protocol.CheckItemRequest, (p) => {
    try {
      return checkItem(p, workspace, catalog, roots);
    } catch (err) {
      if (err instanceof CheckInputError) return new ResponseError(-32602, err.message, { field: err.field, suggestions: err.suggestions });
      throw err;
    }
  });
  handle(protocol.ListItemsRequest, () => listItems(workspace, catalog));
  handle(protocol.RunTestsRequest, (p) => {
    const sets = workspace.ownRuleSets().filter((s) => !p?.uri || s.uri === p.uri);
    return workspace.engine().runTests(sets);
  });
  /**
   * The rule sources of the impact views, as `export-rules matrix` and `diff` take them in the
   * first workspace folder: the paths of its .export-rules.json, else every rule file (the
   * open buffers, not their files, where they differ).
   */
  function impactSources(): { docs: RuleDocument[]; configured: string[] } {
    const root = roots[0];
    const configured = root ? configuredRules(root) : [];
    const wanted = (uri: string) => {
      const p = fsPath(uri);
      return configured.length === 0 || (!!root && !!p && inConfiguredPaths(root, configured, p));
    };
    return { docs: workspace.ownUris().filter(wanted).flatMap((u) => workspace.get(u) ?? []), configured };
  }
  const badRequest = (err: unknown) => new ResponseError(-32602, err instanceof Error ? err.message : String(err));

  handle(protocol.DecisionMatrixRequest, (p) => {
    try {
      return matrixOf(impactSources().docs, { starterPack: settings.starterPack, date: p?.date ?? localToday(), eccns: p?.eccns }, catalog);
    } catch (err) {
      if (err instanceof ConfigError) return badRequest(err);
      throw err;
    }
  });
  handle(protocol.WhatChangedRequest, (p) => {
    const root = roots[0];
    if (!root) return new ResponseError(-32602, 'What changed needs a workspace folder under git.');
    const base = p?.base ?? 'HEAD';
    try {
      const { docs, configured } = impactSources();
      return whatChanged(docsAtRevision(base, configured, root), docs, base, { starterPack: settings.starterPack, date: p?.date ?? localToday() }, catalog);
    } catch (err) {
      // not a git repository, an unknown revision, git missing, a broken .export-rules.json
      return badRequest(err);
    }
  });
  handle(protocol.DocumentInfoRequest, (p) => {
    const doc = docFor(p.uri);
    const set = doc?.ruleSet;
    return { ruleset: set?.id, title: set?.title, rules: set?.rules.length ?? 0, tests: set?.tests.length ?? 0 };
  });

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
