// "Export Rules: Check Item…": ask (or take from the arguments) an item, a destination, an
// optional party and a date, let the server decide, and show the result beside the editor.
import * as vscode from 'vscode';
import { type CheckItemParams, CheckItemRequest, type CheckItemResult, ListItemsRequest, type ListItemsResult } from '../../server/src/protocol';
import type { ItemInput } from '../../server/src/model/types';
import { cleanWord, looksLikeEccn, normalizeEccn } from './itemText';
import { checkParams, type PartyChoice } from './checkParams';
import { askDate, pickDestination, pickItem, pickParty, pickPartyCountry } from './pickers';
import type { ResultPanel } from './resultPanel';
import { errorMessage, type ServerConnection } from './serverConnection';

/** The command's argument when called by code (tests, the server's CodeLens). */
interface CheckItemArgs {
  item: ItemInput;
  destination?: string;
  date?: string;
  /** A party id of the rule files, or a name to screen. */
  party?: string;
  /** ISO 3166-1 alpha-2 of a party given by name. */
  partyCountry?: string;
}

/** The workspace products and catalog lists, fetched once until the rules change. */
export class ItemLists {
  private cached: Promise<ListItemsResult> | undefined;

  constructor(private readonly connection: ServerConnection) {}

  get(): Promise<ListItemsResult> {
    if (!this.cached) {
      const request = this.connection.request(ListItemsRequest, {});
      request.catch(() => {
        if (this.cached === request) this.cached = undefined; // try again next time
      });
      this.cached = request;
    }
    return this.cached;
  }

  clear(): void {
    this.cached = undefined;
  }
}

export function runCheck(connection: ServerConnection, params: CheckItemParams): Promise<CheckItemResult> {
  return connection.request(CheckItemRequest, params);
}

export async function checkItemCommand(
  connection: ServerConnection,
  panel: ResultPanel,
  lists: ItemLists,
  arg: unknown,
): Promise<CheckItemResult | undefined> {
  const given = parseArgs(arg);
  if (given?.destination !== undefined) {
    // Fully specified by code: no pickers; errors reach the caller.
    const params: CheckItemParams = {
      item: given.item,
      destination: given.destination,
      date: given.date,
      ...(given.party !== undefined ? { party: given.party } : {}),
      ...(given.partyCountry !== undefined ? { partyCountry: given.partyCountry } : {}),
    };
    const result = await runCheck(connection, params);
    panel.show(params, result);
    return result;
  }

  const sourceEditor = vscode.window.activeTextEditor;
  const prefilled = given?.item ?? (arg instanceof vscode.Uri ? await itemAtCursor(sourceEditor, arg, lists) : undefined);
  const item = prefilled ?? (await pickItem(lists.get()));
  if (!item) return undefined;
  const destination = await pickDestination(lists.get(), item, prefilled ? undefined : '2/4');
  if (destination === undefined) return undefined;
  const step = prefilled ? undefined : '3/4';
  let party: PartyChoice | undefined = await pickParty(lists.get(), step);
  if (party === undefined) return undefined;
  if (party.kind === 'name') {
    const country = await pickPartyCountry(lists.get(), party.name, destination, step);
    if (country === undefined) return undefined;
    if (country) party = { ...party, country };
  }
  // With the item given (CodeLens, context menu) the destination and the party are asked; the date is today.
  const date = prefilled ? given?.date : await askDate('4/4');
  if (!prefilled && date === undefined) return undefined;

  const params = checkParams(item, destination, date, party);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Export Rules: checking…' },
      () => runCheck(connection, params),
    );
    panel.show(params, result);
    return result;
  } catch (error) {
    void vscode.window.showErrorMessage(`Export Rules: ${errorMessage(error)}`);
    return undefined;
  }
}

/** Accepts `{ item, destination?, date?, party?, partyCountry? }`; anything else (a Uri from a menu, nothing) is undefined. */
function parseArgs(arg: unknown): CheckItemArgs | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return undefined;
  const { item, destination, date, party, partyCountry } = arg as Record<string, unknown>;
  if (typeof item !== 'object' || item === null) return undefined;
  const input = item as Record<string, unknown>;
  const parsed: ItemInput = {};
  if (typeof input.eccn === 'string') parsed.eccn = input.eccn;
  if (typeof input.hs === 'string') parsed.hs = input.hs;
  if (typeof input.product === 'string') parsed.product = input.product;
  if (input.origin === 'us' || input.origin === 'foreign') parsed.origin = input.origin;
  if (typeof input.cas === 'string') parsed.cas = input.cas;
  // amounts as given: the server checks them and names a bad one
  for (const k of ['unitValue', 'value'] as const) if (typeof input[k] === 'number') parsed[k] = input[k] as number;
  if (typeof input.currency === 'string') parsed.currency = input.currency;
  const content = input.usContent as { percent?: unknown; eccns?: unknown } | undefined;
  if (content && typeof content.percent === 'number' && Array.isArray(content.eccns)) {
    parsed.usContent = { percent: content.percent, eccns: content.eccns.filter((e): e is string => typeof e === 'string') };
  }
  if (Array.isArray(input.directProductOf)) {
    parsed.directProductOf = input.directProductOf.filter((e): e is string => typeof e === 'string');
  }
  if (!parsed.eccn && !parsed.hs && !parsed.product && !parsed.cas) return undefined;
  return {
    item: parsed,
    destination: typeof destination === 'string' && destination.trim() !== '' ? destination.trim() : undefined,
    date: typeof date === 'string' && date.trim() !== '' ? date.trim() : undefined, // the server validates it
    party: typeof party === 'string' && party.trim() !== '' ? party.trim() : undefined,
    partyCountry: typeof partyCountry === 'string' && partyCountry.trim() !== '' ? partyCountry.trim() : undefined,
  };
}

/** From the editor's context menu: the ECCN or product sku under the cursor, if any. */
async function itemAtCursor(
  editor: vscode.TextEditor | undefined,
  uri: vscode.Uri,
  lists: ItemLists,
): Promise<ItemInput | undefined> {
  if (!editor || editor.document.uri.toString() !== uri.toString()) return undefined;
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[A-Za-z0-9][A-Za-z0-9._-]*/);
  if (!range) return undefined;
  const word = cleanWord(editor.document.getText(range));
  if (looksLikeEccn(word)) return { eccn: normalizeEccn(word) };
  // A sku is recognised by the server's product list, not by reading the YAML here.
  try {
    const { products } = await lists.get();
    return products.some((p) => p.sku === word) ? { product: word } : undefined;
  } catch {
    return undefined;
  }
}
