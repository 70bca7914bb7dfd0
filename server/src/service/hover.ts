// Hover in rule files: every code is explained from the catalog (ECCNs down to sub-paragraphs,
// countries and regions, Country Groups, chart columns, reasons, categories), user names from
// the workspace (regimes with their resolved members, products, rules), keys and enum values
// from the schema.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { Span } from '../model/types';
import type { WorkspaceView } from '../workspace/workspace';
import type { Catalog } from '../catalog/types';
import { ITEM, docOf, enumOf, schemaAt } from './schemaNav';
import { cursorContext, tokenAt } from './yamlContext';
import { withDocument, type Names } from './completion';
import {
  categoryMarkdown,
  chartColumnMarkdown,
  countryGroupMarkdown,
  destinationMarkdown,
  eccnMarkdown,
  eccnPatternMarkdown,
  exceptionMarkdown,
  licenceExceptions,
  md,
  productGroupMarkdown,
  productMarkdown,
  reasonMarkdown,
  regimeMarkdown,
  ruleMarkdown,
} from './explain';

interface Token {
  path: string[];
  position: 'key' | 'value';
  text: string;
  span: Span;
}

export function hover(doc: RuleDocument, offset: number, ws: WorkspaceView, catalog: Catalog): Hover | null {
  const token = treeToken(doc, offset) ?? textToken(doc, offset);
  if (!token || token.text === '') return null;
  const names = withDocument(ws, doc);
  const value = token.position === 'key' ? keyHover(token, ws, names, catalog) : valueHover(token, ws, names, catalog);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: doc.lines.rangeOf(token.span) };
}

/** The scalar under the cursor in the parsed tree, with its text as written (3E001 stays 3E001). */
function treeToken(doc: RuleDocument, offset: number): Token | undefined {
  const t = tokenAt(doc.root, offset);
  if (!t || t.node.value === null) return undefined;
  const raw = doc.text.slice(t.node.start, t.node.end);
  const text = t.node.quoted ? String(t.node.value) : raw.trim();
  return { path: t.path, position: t.position, text, span: { start: t.node.start, end: t.node.end } };
}

/** When the line does not parse (being typed), the word under the cursor and the path from the text. */
function textToken(doc: RuleDocument, offset: number): Token | undefined {
  const line = doc.lines.positionAt(offset).line;
  const start = doc.lines.lineStart(line);
  const text = doc.text;
  const word = /[\w$.:*-]/;
  let s = offset;
  let e = offset;
  while (s > start && word.test(text[s - 1])) s--;
  while (e < text.length && word.test(text[e])) e++;
  let w = text.slice(s, e);
  if (w.endsWith(':')) {
    w = w.slice(0, -1);
    e--;
  }
  if (!w) return undefined;
  const ctx = cursorContext(doc, e);
  if (!ctx) return undefined;
  if (ctx.position === 'key') return { path: [...ctx.path, w], position: 'key', text: w, span: { start: s, end: e } };
  return { path: ctx.path, position: 'value', text: w.replace(/^["']|["']$/g, ''), span: { start: s, end: e } };
}

function keyHover(token: Token, ws: WorkspaceView, names: Names, catalog: Catalog): string | undefined {
  const { path } = token;
  if (path.length === 2 && path[0] === 'regimes') return regimeHover(token.text, ws, names, catalog);
  const s = schemaAt(path);
  if (!s) return undefined;
  const title = s.title ? `**${md(s.title)}** (\`${md(token.text)}\`)` : `\`${md(token.text)}\``;
  return [title, docOf(s)].filter(Boolean).join('\n\n');
}

function regimeHover(id: string, ws: WorkspaceView, names: Names, catalog: Catalog): string | undefined {
  const defs = names.regimes().filter((r) => r.id === id);
  if (defs.length === 0) return `**Regime ${md(id)}** is not defined in any rule file of the workspace.`;
  let members: ReadonlySet<string> | undefined;
  try {
    members = ws.engine().regimeMembers(id);
  } catch {
    members = undefined; // the engine is optional here: show the definition alone
  }
  return regimeMarkdown(defs, members, catalog);
}

function valueHover(token: Token, ws: WorkspaceView, names: Names, catalog: Catalog): string | undefined {
  const key = [...token.path].reverse().find((p) => p !== ITEM);
  if (!key) return undefined;
  const code = token.text.trim();
  switch (key) {
    case 'eccn':
    case 'eccns':
    case 'directProductOf': {
      if (code.endsWith('*')) return eccnPatternMarkdown(code, catalog);
      const e = catalog.eccnOf(code);
      if (e) return eccnMarkdown(e, catalog, code);
      const removed = catalog.data.removedEccns?.find((r) => r.code === code.toUpperCase().split('.')[0]);
      return removed ? `**${md(removed.code)}** no longer exists: ${md(removed.note)}` : undefined;
    }
    case 'country':
    case 'countries':
    case 'destination': {
      const d = catalog.destination(code);
      return d && destinationMarkdown(d, catalog);
    }
    case 'countryGroup': {
      const g = catalog.countryGroup(code);
      return g && countryGroupMarkdown(g, catalog);
    }
    case 'chart':
      return chartColumnMarkdown(code, catalog);
    case 'reason':
      return chartColumnMarkdown(code, catalog) ?? reasonMarkdown(code, catalog);
    case 'category':
      return categoryMarkdown(code, catalog);
    case 'productGroup':
      return productGroupMarkdown(code, catalog);
    case 'regime':
      return regimeHover(code, ws, names, catalog);
    case 'product':
    case 'sku': {
      const p = names.products().find((x) => x.sku === code);
      return p && productMarkdown(p, catalog);
    }
    case 'exceptions':
    case 'expectExceptions': {
      const e = licenceExceptions(catalog).find((x) => x.code === code.toUpperCase());
      return e && exceptionMarkdown(e, catalog);
    }
    case 'decidedBy': {
      const r = names.rules().find((x) => x.id === code);
      return r && ruleMarkdown(r);
    }
  }
  const values = enumOf(schemaAt(token.path));
  const hit = values.find((v) => v.value === code);
  return hit?.doc || undefined;
}
