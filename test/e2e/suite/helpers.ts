// Shared helpers for the extension-host suite: polling with a deadline (no fixed sleeps),
// fixture files of the e2e workspace, and the extension itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'export-control-rules.export-control-rules';
export const LANGUAGE_ID = 'export-rules';
export const SOURCE = 'export-rules';

/**
 * Calls fn until it returns a value other than undefined/false (or stops throwing), and
 * returns that value. On timeout, throws the last error or a message naming what was awaited.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, what = 'condition'): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      if (lastError instanceof Error) {
        lastError.message = `timed out after ${timeoutMs} ms waiting for ${what}: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e window has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

let activationFailure: Error | undefined;

/**
 * The extension, activated by its own activation events (fails with a clear message when it
 * is missing or never activates). After one failure every later call fails at once, so a dead
 * extension costs one timeout, not one per test.
 */
export async function activeExtension(timeoutMs = 30_000): Promise<vscode.Extension<unknown>> {
  if (activationFailure) throw activationFailure;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    activationFailure = new Error(`extension ${EXTENSION_ID} is not installed in this window (see the code-server log: "is not compatible", load errors)`);
    throw activationFailure;
  }
  try {
    await waitFor(() => ext.isActive, timeoutMs, `extension ${EXTENSION_ID} to activate`);
  } catch {
    activationFailure = new Error(`extension did not activate within ${timeoutMs} ms; ${await whyNotActive(ext)}`);
    throw activationFailure;
  }
  // isActive is true even when activate() threw; asking again returns that error.
  const failed = await Promise.race([
    ext.activate().then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e))),
    new Promise<string>((r) => setTimeout(() => r('activation still running after 10 s'), 10_000)),
  ]);
  if (failed !== undefined) {
    activationFailure = new Error(`extension ${EXTENSION_ID} failed to activate: ${failed}`);
    throw activationFailure;
  }
  return ext;
}

/** Asks for activation explicitly, only to learn why it did not happen by itself. */
async function whyNotActive(ext: vscode.Extension<unknown>): Promise<string> {
  return Promise.race([
    ext.activate().then(() => 'it activates when asked, so its activation events did not fire',
      (e: unknown) => `activating it fails: ${e instanceof Error ? e.message : String(e)}`),
    new Promise<string>((r) => setTimeout(() => r('activating it explicitly hangs too'), 10_000)),
  ]);
}

/** Our diagnostics of a document, once the language server has published at least `min` of them. */
export async function ourDiagnostics(uri: vscode.Uri, min = 1, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
    return ds.length >= min ? ds : undefined;
  }, timeoutMs, `${min}+ ${SOURCE} diagnostics on ${uri.path.split('/').pop()}`);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** The position of the n-th (0-based) occurrence of `needle` in the document, plus an offset. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Everything a person sees next to a completion label: detail, description, documentation. */
export function textAround(item: vscode.CompletionItem): string {
  const parts: string[] = [];
  if (typeof item.label !== 'string') parts.push(item.label.detail ?? '', item.label.description ?? '');
  parts.push(item.detail ?? '');
  const doc = item.documentation;
  parts.push(typeof doc === 'string' ? doc : doc?.value ?? '');
  return parts.join(' ');
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
