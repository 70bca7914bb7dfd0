// The one page shape of the extension's webviews, around the shared HTML tag
// (server/src/render/html.ts): the strict Content-Security-Policy, the page's style and its
// script (a bundle of client/webview/, read by webviewScripts.ts), each tagged with the nonce.
import { html, type SafeHtml, trusted } from '../../server/src/render/html';

/**
 * A whole webview page: the one Content-Security-Policy of the extension's views (nothing but
 * the page's own nonce-tagged style and script; no remote resource, no inline handler).
 */
export type WebviewScriptName = 'matrixView' | 'commandsView';

/** A page's nonce and CSP source, and the scripts of the views (webviewScripts.ts; tests give their own). */
export interface WebviewContext {
  nonce: string;
  cspSource: string;
  script: (name: WebviewScriptName) => string;
}

export function webviewPage(title: string, body: SafeHtml, view: WebviewContext, style: string, script: WebviewScriptName): string {
  const { nonce, cspSource } = view;
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title}</title>
<style nonce="${nonce}">${trusted(style)}</style>
</head>
<body>
<main>${body}</main>
<script nonce="${nonce}">${trusted(view.script(script))}</script>
</body>
</html>`.value;
}
