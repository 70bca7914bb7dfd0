// HTML escaping for the result view. Every value that comes from a rule file (titles,
// citations, ids) goes through here, so a rule title like `<script>` shows as text.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element body or a double-quoted attribute value. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Markup that is already safe: made by `html` or `trusted`, never from a rule file. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks a constant string of markup as safe. Never pass data to it. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so escaping is
 * the default and forgetting it is impossible. Arrays are joined; undefined, null and false
 * render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += fragment(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function fragment(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * A whole webview page: the one Content-Security-Policy of the extension's views (nothing but
 * the page's own nonce-tagged style and script; no remote resource, no inline handler).
 */
export function webviewPage(title: string, body: SafeHtml, nonce: string, cspSource: string, style: string, script: string): string {
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
<script nonce="${nonce}">${trusted(script)}</script>
</body>
</html>`.value;
}
