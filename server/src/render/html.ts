// HTML escaping for every HTML the product writes (the editor's views and `export-rules matrix
// --format html`). Every value that comes from a rule file (titles, citations, ids) goes
// through here, so a rule title like `<script>` shows as text.

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
