// The language client: starts the bundled server over IPC, restarts it after a crash (a
// bounded number of times), and rebuilds it when a setting the server starts with changes.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crashPolicy';
import { type InitializationOptions, RulesChangedNotification, type StarterPackSetting } from '../../server/src/protocol';
import { serverExecArgv } from '../../server/src/launch';

const CLIENT_ID = 'exportRules'; // also the `exportRules.trace.server` setting's prefix
const CLIENT_NAME = 'Export Rules';
const RULE_FILES = '**/*.ecr.{yaml,yml}';
/** Settings the server reads once at start; a change needs a new server. */
const NOT_RUNNING =
  'The Export Rules language server is not running. Run "Export Rules: Restart Language Server" or see "Export Rules: Show Output".';
const START_SETTINGS = ['exportRules.files', 'exportRules.maxFileSize', 'exportRules.starterPack', 'exportRules.screeningList', 'exportRules.screeningThreshold'];

/** The settings the server starts with (its `initializationOptions`, protocol.ts). */
export function readSettings(): { extraFileGlobs: string[]; maxFileSize: number; starterPack: StarterPackSetting; screeningList: string; screeningThreshold: number } {
  const config = vscode.workspace.getConfiguration('exportRules');
  const files = config.get<unknown>('files');
  return {
    extraFileGlobs: Array.isArray(files) ? files.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    maxFileSize: config.get<number>('maxFileSize', 20_000_000),
    starterPack: config.get<StarterPackSetting>('starterPack', 'auto'),
    screeningList: config.get<string>('screeningList', ''),
    screeningThreshold: config.get<number>('screeningThreshold', 0.86),
  };
}

/**
 * The `exportRules.files` globs, relative to each workspace folder: VS Code matches them (one
 * dialect, VS Code's), for the document selector, the file watchers and the files the server
 * reads at start. The server matches no glob.
 */
export function extraFilePatterns(globs: readonly string[]): vscode.RelativePattern[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.flatMap((folder) => globs.map((glob) => new vscode.RelativePattern(folder, glob.trim())));
}

/** Rule files by language, plus any file an `exportRules.files` glob takes. */
export function ruleDocumentSelector(patterns: readonly vscode.RelativePattern[]): vscode.DocumentFilter[] {
  return [
    { language: 'export-rules', scheme: 'file' },
    { language: 'export-rules', scheme: 'untitled' },
    ...patterns.map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/** The extra rule files on disk now, found by VS Code (at most the server's 20,000 files). */
async function findExtraFiles(patterns: readonly vscode.RelativePattern[]): Promise<string[]> {
  const found = await Promise.all(patterns.map((p) => vscode.workspace.findFiles(p, undefined, 20_000)));
  return [...new Set(found.flat().map((u) => u.toString()))];
}

export class ServerConnection implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel(CLIENT_NAME);
  private client: LanguageClient | undefined;
  private clientDisposables: vscode.Disposable[] = [];
  private readonly crashes = new CrashPolicy(4, 3 * 60 * 1000);
  private toldAboutCrash = false;
  private readonly rulesChanged = new vscode.EventEmitter<void>();
  private readonly started = new vscode.EventEmitter<void>();
  private restarting: Promise<void> = Promise.resolve();
  private disposed = false;

  /** The server says rule files changed (views refresh). */
  readonly onRulesChanged = this.rulesChanged.event;
  /** The server is running (first start, crash restart, or manual restart). */
  readonly onDidStart = this.started.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Starts the server; resolves when it is running (or failed to start, which is logged). */
  start(): Promise<void> {
    // requests wait for this start as for a restart
    this.restarting = this.restarting.then(async () => {
      this.client = await this.createClient();
      await this.startClient(this.client);
    });
    return this.restarting;
  }

  /** Stops the server and starts a new one with the current settings. */
  restart(): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      this.crashes.reset();
      this.toldAboutCrash = false;
      await this.stopClient();
      if (this.disposed) return;
      this.client = await this.createClient();
      await this.startClient(this.client);
    });
    return this.restarting;
  }

  /** Restarts when a setting the server starts with changes (trace is applied live by the library). */
  watchSettings(): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (START_SETTINGS.some((s) => event.affectsConfiguration(s))) {
        this.output.appendLine('Settings changed; restarting the server.');
        void this.restart();
      }
    });
  }

  /** Sends a custom request, waiting for a start or restart in progress. */
  async request<P, R, E>(type: RequestType<P, R, E>, params: P, token?: vscode.CancellationToken): Promise<R> {
    await this.restarting;
    const client = this.client;
    if (!client) throw new Error(NOT_RUNNING);
    try {
      // an absent token must not be passed: the client would send it as a second parameter
      return await (token ? client.sendRequest(type, params, token) : client.sendRequest(type, params));
    } catch (error) {
      // A server that is down (crashed, or left down after repeated crashes) answers tersely.
      if (!client.isRunning()) throw new Error(NOT_RUNNING);
      throw error;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopClient();
    this.rulesChanged.dispose();
    this.started.dispose();
    this.output.dispose();
  }

  private async createClient(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: serverExecArgv() } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...serverExecArgv(), '--nolazy', '--inspect=6009'] } },
    };
    const settings = readSettings();
    const patterns = extraFilePatterns(settings.extraFileGlobs);
    const init: InitializationOptions = {
      maxFileSize: settings.maxFileSize,
      starterPack: settings.starterPack,
      screeningList: settings.screeningList,
      screeningThreshold: settings.screeningThreshold,
      extraFiles: await findExtraFiles(patterns),
      clientSelectsFiles: true,
    };
    const watchers = [RULE_FILES, ...patterns].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    const clientOptions: LanguageClientOptions = {
      // vscode-languageclient hands the filters to vscode.languages.match as they are, so a
      // VS Code RelativePattern works where its protocol type says a string
      documentSelector: ruleDocumentSelector(patterns) as unknown as DocumentSelector,
      synchronize: { fileEvents: watchers },
      initializationOptions: init,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      errorHandler: this.errorHandler(),
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.clientDisposables = [
      ...watchers,
      client.onNotification(RulesChangedNotification, () => this.rulesChanged.fire()),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.started.fire();
      }),
    ];
    return client;
  }

  private async startClient(client: LanguageClient): Promise<void> {
    try {
      await client.start();
    } catch (error) {
      this.output.appendLine(`The server did not start: ${errorMessage(error)}`);
      void this.tellUser(`The Export Rules language server did not start: ${errorMessage(error)}`, true);
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables) d.dispose();
    this.clientDisposables = [];
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (error) {
      this.output.appendLine(`Stopping the server failed: ${errorMessage(error)}`);
    }
  }

  // After a restart the library opens every rule document again with its current text, so
  // edits made while the server was down reach the new server; nothing is replayed by hand.
  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult =>
        count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown },
      closed: (): CloseHandlerResult => {
        if (this.crashes.shouldRestart(Date.now())) {
          if (!this.toldAboutCrash) {
            this.toldAboutCrash = true;
            void this.tellUser('The Export Rules language server stopped unexpectedly and was restarted.', false);
          }
          return { action: CloseAction.Restart, handled: true };
        }
        void this.tellUser(
          'The Export Rules language server crashed 5 times in 3 minutes and was not restarted. Run "Export Rules: Restart Language Server" to try again.',
          true,
        );
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private async tellUser(message: string, isError: boolean): Promise<void> {
    const show = isError ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const actions = isError ? ['Show Log', 'Restart'] : ['Show Log'];
    const choice = await show(message, ...actions);
    if (choice === 'Show Log') this.output.show(true);
    if (choice === 'Restart') await this.restart();
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
