// Completion in rule files: keys and snippets from the schema at every depth, EAR codes from
// the catalog (searched by code or by words of their titles), regimes and products from every
// rule file of the workspace. Pure: the server converts nothing, these are LSP data types.
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { WorkspaceView } from '../workspace/workspace';
import type { Catalog } from '../catalog/types';
import type { SchemaNode } from '../model/validate';
import type { Party, Product, Regime, Rule } from '../model/types';
import { cursorContext, type CursorContext } from './yamlContext';
import { ITEM, deref, docOf, enumOf, isArrayOnly, isObject, schemaAt } from './schemaNav';
import {
  categoryMarkdown,
  chartColumnMarkdown,
  countryGroupMarkdown,
  destinationMarkdown,
  eccnMarkdown,
  exceptionMarkdown,
  licenceExceptions,
  md,
  productGroupMarkdown,
  productMarkdown,
  reasonMarkdown,
  regimeMarkdown,
  ruleMarkdown,
} from './explain';

/** Longest list sent for a search over the catalog; the client asks again as the user types. */
export const SEARCH_LIMIT = 60;

/** Review policies as the EAR states them (parts 742 and 746); free text, so only suggestions. */
const REVIEW_POLICIES: [string, string][] = [
  ['policy of denial', 'Applications are generally denied (for example 15 CFR 746.8(b), Russia and Belarus).'],
  ['case-by-case', 'Applications are reviewed case by case (for example 15 CFR 742.4(b)(1)(ii) for some NS items).'],
  ['presumption of approval', 'Applications are generally approved unless there are concerns (for example 15 CFR 742.4(b)(1)(i)).'],
  ['presumption of denial', 'Applications are generally denied; the applicant must show why not.'],
];

/** Which list of values a key takes, by the key's name (a name means the same everywhere). */
const VALUE_DOMAINS: Record<string, Domain> = {
  eccn: 'eccn',
  directProductOf: 'eccn',
  country: 'destination',
  countries: 'destination',
  destination: 'destination',
  countryGroup: 'countryGroup',
  chart: 'chart',
  reason: 'reason',
  reasonForControl: 'reason',
  category: 'category',
  productGroup: 'productGroup',
  regime: 'regime',
  product: 'product',
  exceptions: 'exception',
  expectExceptions: 'exception',
  eccns: 'eccn',
  review: 'review',
  decidedBy: 'ruleId',
  party: 'party',
};
type Domain = 'eccn' | 'destination' | 'countryGroup' | 'chart' | 'reason' | 'category' | 'productGroup' | 'regime' | 'product' | 'exception' | 'review' | 'ruleId' | 'party';

export function complete(doc: RuleDocument, offset: number, ws: WorkspaceView, catalog: Catalog): CompletionList {
  const ctx = cursorContext(doc, offset);
  if (!ctx) return { isIncomplete: false, items: [] };
  const range = doc.lines.rangeOf(ctx.span);
  if (ctx.position === 'key') return { isIncomplete: false, items: keyItems(ctx, range) };
  return valueItems(ctx, range, withDocument(ws, doc), catalog);
}

/** The workspace's names plus the document's own (its latest text may not be in the index yet). */
export function withDocument(ws: WorkspaceView, doc: RuleDocument): Names {
  const elsewhere = <T extends { location: { uri: string } }>(xs: readonly T[]) => xs.filter((x) => x.location.uri !== doc.uri);
  return {
    regimes: () => [...doc.ruleSet.regimes, ...elsewhere(ws.regimes())],
    products: () => [...doc.ruleSet.products, ...elsewhere(ws.products())],
    parties: () => [...(doc.ruleSet.parties ?? []), ...elsewhere(ws.parties?.() ?? [])],
    rules: () => [...doc.ruleSet.rules, ...elsewhere(ws.ruleSets().flatMap((s) => s.rules))],
  };
}

export interface Names {
  regimes(): readonly Regime[];
  products(): readonly Product[];
  parties?(): readonly Party[];
  rules(): readonly Rule[];
}

// ---- keys and snippets -------------------------------------------------------------------

function keyItems(ctx: CursorContext, range: Range): CompletionItem[] {
  const here = schemaAt(ctx.path);
  if (!isObject(here)) return [];
  const items: CompletionItem[] = [];
  const present = new Set(ctx.present);
  const dash = ctx.needsDash ? '- ' : '';
  const lead = `${ctx.needsSpace ? ' ' : ''}${dash}`;
  // where the key's own line starts: after the dash, if one is inserted
  const keyCol = ctx.column + dash.length;
  for (const [name, raw] of Object.entries(here!.properties ?? {})) {
    if (present.has(name)) continue;
    const prop = deref(raw)!;
    const insert = ctx.hasColon ? { text: name, snippet: false, suggest: false } : keyInsert(name, prop, keyCol, ctx.flow);
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: prop.title,
      documentation: { kind: MarkupKind.Markdown, value: docOf(prop) },
      filterText: `${dash}${name}`,
      sortText: `1${(here!.required ?? []).includes(name) ? 0 : 1}${name}`,
      textEdit: { range, newText: lead + insert.text },
      insertTextFormat: insert.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      command: insert.suggest ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    });
  }
  if (!ctx.hasColon) items.push(...snippetItems(here!, ctx, range, present, keyCol, lead));
  return items;
}

function keyInsert(name: string, prop: SchemaNode, col: number, flow: boolean): { text: string; snippet: boolean; suggest: boolean } {
  const suggest = hasValueCompletions(name, prop);
  if (prop.const === true) return { text: `${name}: true`, snippet: false, suggest: false };
  if (flow) return { text: `${name}: `, snippet: false, suggest };
  const pad = ' '.repeat(col + 2);
  const n = name.replace(/[$}\\]/g, '\\$&'); // literal text in a snippet
  if (isObject(prop)) return { text: `${n}:\n${pad}$0`, snippet: true, suggest: true };
  if (isArrayOnly(prop)) return { text: `${n}:\n${pad}- $0`, snippet: true, suggest: true };
  return { text: `${name}: `, snippet: false, suggest };
}

function hasValueCompletions(name: string, prop: SchemaNode): boolean {
  return name in VALUE_DOMAINS || enumOf(prop).length > 0;
}

/** The schema's snippets for this mapping, as YAML at the cursor's column. */
function snippetItems(here: SchemaNode, ctx: CursorContext, range: Range, present: Set<string>, col: number, lead: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  // a new document gets the whole-file snippet; a mapping with keys only snippets that fit
  if (ctx.path.length === 0 && present.size > 0) return out;
  for (const s of here.defaultSnippets ?? []) {
    const body = s.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
    const keys = Object.keys(body);
    if (keys.some((k) => present.has(k))) continue;
    const text = ctx.flow ? flowMap(body as Record<string, unknown>, false) : yamlLines(body as Record<string, unknown>, col).join('\n');
    out.push({
      label: s.label ?? keys.join(', '),
      kind: CompletionItemKind.Snippet,
      detail: s.description,
      documentation: { kind: MarkupKind.Markdown, value: `${s.markdownDescription ?? md(s.description ?? '')}\n\n\`\`\`yaml\n${plain(text)}\n\`\`\`` },
      filterText: `${ctx.needsDash ? '- ' : ''}${s.label ?? keys.join(' ')}`,
      sortText: `${ctx.needsDash || present.size === 0 ? 0 : 2}${s.label ?? ''}`,
      textEdit: { range, newText: lead + text },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    });
  }
  return out;
}

/** A snippet body as block YAML lines; lines after the first are indented to `col`. */
function yamlLines(body: Record<string, unknown>, col: number): string[] {
  const pad = ' '.repeat(col);
  const lines: string[] = [];
  let first = true;
  const add = (s: string) => {
    lines.push(first ? s : pad + s);
    first = false;
  };
  for (const [k, v] of Object.entries(body)) {
    if (isScalar(v)) add(`${k}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.every((x) => isScalar(x) || isFlatMap(x))) add(`${k}: ${flowSeq(v)}`);
    else if (Array.isArray(v)) {
      add(`${k}:`);
      for (const x of v) {
        if (isScalar(x)) add(`  - ${scalar(x)}`);
        else {
          const inner = yamlLines(x as Record<string, unknown>, col + 4);
          add(`  - ${inner[0]}`);
          lines.push(...inner.slice(1));
        }
      }
    } else {
      add(`${k}:`);
      const inner = yamlLines(v as Record<string, unknown>, col + 2);
      lines.push(pad + '  ' + inner[0], ...inner.slice(1));
    }
  }
  return lines;
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isFlatMap(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isScalar);
}

/** Snippet strings are inserted as written: the schema quotes what YAML must see quoted. */
function scalar(v: string | number | boolean | null): string {
  return v === null ? '' : String(v);
}

function flowSeq(v: unknown[]): string {
  return `[${v.map((x) => (isScalar(x) ? scalar(x) : flowMap(x as Record<string, unknown>, true))).join(', ')}]`;
}

function flowMap(body: Record<string, unknown>, braces: boolean): string {
  const inner = Object.entries(body)
    .map(([k, v]) => `${k}: ${isScalar(v) ? scalar(v) : Array.isArray(v) ? flowSeq(v) : flowMap(v as Record<string, unknown>, true)}`)
    .join(', ');
  return braces ? `{ ${inner} }` : inner;
}

/** Snippet text as a reader sees it: placeholders replaced by their defaults. */
function plain(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

// ---- values ------------------------------------------------------------------------------

interface Candidate {
  code: string;
  detail?: string;
  doc: string;
  kind: CompletionItemKind;
  /** Must be quoted in YAML (a colon, or a number to YAML). */
  quote?: boolean;
}

function valueItems(ctx: CursorContext, range: Range, ws: Names, catalog: Catalog): CompletionList {
  const key = ctx.key;
  if (!key) return { isIncomplete: false, items: [] };
  const schemaHere = schemaAt(ctx.path);
  const keySchema = ctx.path[ctx.path.length - 1] === ITEM ? schemaAt(ctx.path.slice(0, -1)) : schemaHere;
  // `id` names a party inside a rule's `parties:` selectors (elsewhere it is the entry's own id)
  const domain: Domain | undefined = key === 'id' && ctx.path.includes('when') && ctx.path.includes('parties') ? 'party' : VALUE_DOMAINS[key];
  const query = ctx.typed.trim();
  let found: { candidates: Candidate[]; searched: boolean } | undefined;
  if (domain && keySchema && !isObject(keySchema)) found = domainCandidates(domain, query, ws, catalog);
  else if (keySchema?.const === true || schemaHere?.const === true) found = { candidates: [{ code: 'true', doc: docOf(keySchema), kind: CompletionItemKind.Value }], searched: false };
  else {
    const values = enumOf(schemaHere).length ? enumOf(schemaHere) : enumOf(keySchema);
    if (values.length) found = { candidates: values.map((v) => ({ code: v.value, doc: v.doc, kind: CompletionItemKind.EnumMember })), searched: false };
  }
  if (!found && isObject(schemaHere) && !ctx.flow) return { isIncomplete: false, items: flowSnippets(schemaHere!, ctx, range) };
  if (!found) return { isIncomplete: false, items: [] };
  const listed = new Set(ctx.listed.map((v) => v.toUpperCase()));
  const candidates = found.candidates.filter((c) => !listed.has(c.code.toUpperCase()));
  const truncated = candidates.length > SEARCH_LIMIT;
  const shown = candidates.slice(0, SEARCH_LIMIT);
  const typedAsWritten = ctx.quote + ctx.typed;
  const lead = `${ctx.needsSpace ? ' ' : ''}${ctx.needsDash ? '- ' : ''}`;
  const items = shown.map((c, i): CompletionItem => {
    const quote = ctx.quote || (c.quote ? '"' : '');
    const text = quote ? `${quote}${c.code}${quote}` : c.code;
    return {
      label: c.code,
      kind: c.kind,
      detail: c.detail,
      documentation: { kind: MarkupKind.Markdown, value: c.doc },
      // search hits (by title words) must survive the client's own filter on what is typed
      filterText: found!.searched ? `${typedAsWritten} ${ctx.quote}${c.code}` : `${ctx.quote}${c.code}`,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: lead + text },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
  return { isIncomplete: found.searched || truncated, items };
}

/** `item: ` with nothing yet: the object's snippets written inline, `{ eccn: 5A992 }`. */
function flowSnippets(s: SchemaNode, ctx: CursorContext, range: Range): CompletionItem[] {
  return (s.defaultSnippets ?? [])
    .filter((sn) => isFlatMap(sn.body))
    .map((sn) => {
      const text = flowMap(sn.body as Record<string, unknown>, true);
      return {
        label: sn.label ?? plain(text),
        kind: CompletionItemKind.Snippet,
        detail: sn.description,
        documentation: { kind: MarkupKind.Markdown, value: `\`${plain(text)}\`` },
        filterText: plain(text),
        textEdit: { range, newText: `${ctx.needsSpace ? ' ' : ''}${text}` },
        insertTextFormat: InsertTextFormat.Snippet,
      };
    });
}

/** YAML reads 3E001 as the number 30: codes that look like numbers are quoted. */
function looksNumeric(code: string): boolean {
  return /^[0-9]+([eE][0-9]+)?$/.test(code);
}

function domainCandidates(domain: Domain, query: string, ws: Names, catalog: Catalog): { candidates: Candidate[]; searched: boolean } {
  const q = query.toLowerCase();
  const starts = (code: string) => !q || code.toLowerCase().startsWith(q);
  switch (domain) {
    case 'eccn': {
      const hits = q ? catalog.searchEccns(query, SEARCH_LIMIT + 1) : catalog.data.eccns.slice(0, SEARCH_LIMIT + 1);
      return {
        searched: true,
        candidates: hits.map((e) => ({ code: e.code, detail: e.title, doc: eccnMarkdown(e, catalog, undefined, true), kind: CompletionItemKind.Constant, quote: looksNumeric(e.code) })),
      };
    }
    case 'destination': {
      const hits = q ? catalog.searchDestinations(query, SEARCH_LIMIT + 1) : catalog.data.destinations.filter((d) => !d.parent).slice(0, SEARCH_LIMIT + 1);
      return {
        searched: true,
        candidates: hits.map((d) => ({ code: d.code, detail: d.name, doc: destinationMarkdown(d, catalog), kind: CompletionItemKind.Constant })),
      };
    }
    case 'countryGroup':
      return {
        searched: false,
        candidates: catalog.data.countryGroups.map((g) => ({
          code: g.code,
          detail: `${g.title} (${g.members.length} member${g.members.length === 1 ? '' : 's'})`,
          doc: countryGroupMarkdown(g, catalog),
          kind: CompletionItemKind.EnumMember,
          quote: true,
        })),
      };
    case 'chart':
      return { searched: false, candidates: catalog.data.chartColumns.map((c) => ({ code: c.code, detail: catalog.reason(c.reason)?.name ?? c.reason, doc: chartColumnMarkdown(c.code, catalog) ?? '', kind: CompletionItemKind.EnumMember })) };
    case 'reason':
      return {
        searched: false,
        candidates: [
          ...catalog.data.chartColumns.map((c) => ({ code: c.code, detail: `Country Chart column (${catalog.reason(c.reason)?.name ?? c.reason})`, doc: chartColumnMarkdown(c.code, catalog) ?? '', kind: CompletionItemKind.EnumMember })),
          ...catalog.data.reasons.map((r) => ({ code: r.code, detail: `Reason for control: ${r.name}`, doc: reasonMarkdown(r.code, catalog) ?? '', kind: CompletionItemKind.EnumMember })),
        ],
      };
    case 'category':
      return { searched: false, candidates: catalog.data.categories.map((c) => ({ code: c.code, detail: c.title, doc: categoryMarkdown(c.code, catalog) ?? '', kind: CompletionItemKind.EnumMember, quote: true })) };
    case 'productGroup':
      return { searched: false, candidates: catalog.data.productGroups.map((g) => ({ code: g.code, detail: g.title, doc: productGroupMarkdown(g.code, catalog) ?? '', kind: CompletionItemKind.EnumMember })) };
    case 'regime': {
      const byId = new Map<string, Regime[]>();
      for (const r of ws.regimes()) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
      return {
        searched: false,
        candidates: [...byId.entries()]
          .filter(([id]) => starts(id) || id.toLowerCase().includes(q))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([id, defs]) => ({ code: id, detail: defs[0].title ? `${defs[0].title} (${defs[0].ruleset})` : defs[0].ruleset, doc: regimeMarkdown(defs, undefined, catalog), kind: CompletionItemKind.Variable })),
      };
    }
    case 'product': {
      const seen = new Set<string>();
      return {
        searched: false,
        candidates: ws
          .products()
          .filter((p) => !seen.has(p.sku) && seen.add(p.sku))
          .sort((a, b) => a.sku.localeCompare(b.sku))
          .map((p) => ({ code: p.sku, detail: [p.name, p.eccn].filter(Boolean).join(' · '), doc: productMarkdown(p, catalog), kind: CompletionItemKind.Value, quote: looksNumeric(p.sku) })),
      };
    }
    case 'party': {
      const seen = new Set<string>();
      return {
        searched: false,
        candidates: (ws.parties?.() ?? [])
          .filter((p) => !seen.has(p.id) && seen.add(p.id))
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((p) => ({
            code: p.id,
            detail: [p.name, p.country, p.role].filter(Boolean).join(' · '),
            doc: md(`**${p.name ?? p.id}**${p.country ? ` (${p.country})` : ''}${p.role ? `, ${p.role}` : ''}${p.altNames.length ? `\n\nAlso: ${p.altNames.join('; ')}` : ''}`),
            kind: CompletionItemKind.Value,
          })),
      };
    }
    case 'exception':
      return { searched: false, candidates: licenceExceptions(catalog).map((e) => ({ code: e.code, detail: e.about, doc: exceptionMarkdown(e, catalog), kind: CompletionItemKind.EnumMember })) };
    case 'review':
      return { searched: false, candidates: REVIEW_POLICIES.map(([code, doc]) => ({ code, detail: 'Review policy', doc: md(doc), kind: CompletionItemKind.Text })) };
    case 'ruleId': {
      const seen = new Set<string>();
      const rules = ws.rules().filter((r) => !seen.has(r.id) && seen.add(r.id));
      return { searched: false, candidates: rules.map((r) => ({ code: r.id, detail: r.title ?? r.decision, doc: ruleMarkdown(r), kind: CompletionItemKind.Reference })) };
    }
  }
}
