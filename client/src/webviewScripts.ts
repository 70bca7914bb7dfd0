// The views' scripts: bundles of client/webview/ (dist/webview/*.js, built with the extension),
// read once and inlined in each page with its nonce, so a view loads no resource at all.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
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
