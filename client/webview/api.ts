// The VS Code webview API as a view's script gets it (once per page), and the messages the
// views send: the panels (client/src/*Panel.ts) check every message they receive anyway.

export interface WebviewApi<State> {
  postMessage(message: ViewMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

/** A button or link with `data-command` (and `data-index` for a row); a matrix cell; a date. */
type ViewMessage = { command: string; index?: number } | { command: 'check'; row: number; col: number } | { command: 'setDate'; date: string };

declare function acquireVsCodeApi<State>(): WebviewApi<State>;

export function vscodeApi<State>(): WebviewApi<State> {
  return acquireVsCodeApi<State>();
}
