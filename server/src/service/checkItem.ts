// The Check Item feature on the server side: resolve the destination (code or name), ask the
// engine, and name the rule sources; list the items for the client's quick pick; CodeLens.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/types';
import { CheckInputError } from '../engine/types';
import type { RuleDocument } from '../model/document';
import type { CheckItemParams, CheckItemResult, ListItemsResult } from '../protocol';
import type { WorkspaceView } from '../workspace/workspace';

export function resolveDestinationCode(input: string, catalog: Catalog): string {
  const d = catalog.findDestination(input.trim());
  if (d) return d.code;
  const near = catalog.suggestDestinations(input, 3);
  throw new CheckInputError(
    `unknown destination "${input}"${near.length ? `; did you mean ${near.map((n) => `${n.code} (${n.name})`).join(', ')}?` : ''}`,
    'destination',
    near.map((n) => n.code),
  );
}

export function checkItem(p: CheckItemParams, ws: WorkspaceView, catalog: Catalog, roots: string[]): CheckItemResult {
  if (!p || typeof p !== 'object' || !p.item || typeof p.destination !== 'string')
    throw new CheckInputError('checkItem needs { item, destination }', 'item', []);
  const destination = resolveDestinationCode(p.destination, catalog);
  if (p.party !== undefined && typeof p.party !== 'string') throw new CheckInputError('party must be a party id or a name', 'party', []);
  if (p.partyCountry !== undefined && typeof p.partyCountry !== 'string') throw new CheckInputError('partyCountry must be a country code', 'party', []);
  // an empty party field is no party (the editor's picker left blank)
  const party = p.party?.trim() ? { party: p.party, ...(p.partyCountry?.trim() ? { country: p.partyCountry } : {}) } : undefined;
  const result = ws.engine().check({ item: p.item, destination, date: p.date, ...(party ? { party } : {}) });
  return { ...result, sources: ws.documents().map((d) => displayPath(d.uri, roots)) };
}

/** A path relative to the workspace folder when inside one, else the file path or uri. */
export function displayPath(uri: string, roots: string[]): string {
  if (!uri.startsWith('file:')) return uri;
  const p = fileURLToPath(uri);
  for (const r of roots) {
    const rel = path.relative(r, p);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return p;
}

export function listItems(ws: WorkspaceView, catalog: Catalog): ListItemsResult {
  return {
    products: ws.products().map((p) => ({ sku: p.sku, name: p.name, eccn: p.eccn, hs: p.hs, ruleset: p.ruleset, uri: p.location.uri, range: p.location.range })),
    parties: (ws.parties?.() ?? []).map((p) => ({ id: p.id, name: p.name, country: p.country, role: p.role, ruleset: p.ruleset, uri: p.location.uri, range: p.location.range })),
    eccns: catalog.data.eccns.map((e) => ({ code: e.code, title: e.title })),
    destinations: catalog.data.destinations
      .filter((d) => !d.notAnExport && !d.unanswerable)
      .map((d) => ({ code: d.code, name: d.name, embargoed: d.embargoes.length > 0, parent: d.parent })),
    dataAsOf: catalog.data.dataAsOf,
    usingStarterPack: ws.usingStarterPack,
  };
}

/** A "Check" lens above each product of the document. */
export function productLenses(doc: RuleDocument): CodeLens[] {
  return doc.ruleSet.products.map((p) => ({
    range: p.location.range,
    command: { title: `Check ${p.sku}…`, command: 'exportRules.checkItem', arguments: [{ item: { product: p.sku } }] },
  }));
}
