// The views' scripts: bundles of client/webview/ (dist/webview/*.js, built with the extension),
// read once and inlined in each page with its nonce, so a view loads no resource at all; and
// the panel every view is shown in.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WebviewContext, WebviewScriptName } from './html';

const loaded = new Map<WebviewScriptName, string>();

function webviewScript(name: WebviewScriptName): string {
  let script = loaded.get(name);
  if (script === undefined) {
    // dist/client/extension.js -> dist/webview/NAME.js; "</script" would end the inline script
    script = fs.readFileSync(path.join(__dirname, '..', 'webview', `${name}.js`), 'utf8').replace(/<\/(script)/gi, '<\\/$1');
    loaded.set(name, script);
  }
  return script;
}

/** What a page of this webview needs: a fresh nonce, the webview's CSP source, the scripts. */
export function webviewContext(webview: vscode.Webview): WebviewContext {
  return { nonce: randomBytes(16).toString('base64'), cspSource: webview.cspSource, script: webviewScript };
}

/**
 * A view beside the editor, in the one way of the extension's views: scripts on (its own
 * bundle only, by the page's CSP), no command links, no local resources (the page is whole).
 */
export function createViewPanel(viewType: string, title: string): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
  );
}
