// The Check Item pickers: item, destination, party, date. They show what the server lists and accept
// typed codes; whether a typed code exists is for the server to say.
import * as vscode from 'vscode';
import type { ListItemsResult } from '../../server/src/protocol';
import type { ItemInput } from '../../server/src/model/types';
import { dataAsOfText, localToday, whyNotADate } from '../../server/src/model/dates';
import { partyCountryChoices, type PartyChoice } from './checkParams';
import { typedItem } from './itemText';
import { describeItem } from './renderDetermination';
import { roleWords } from './renderScreening';

interface Pick<T> extends vscode.QuickPickItem {
  value?: T;
}

function separator<T>(label: string): Pick<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

/**
 * A quick pick whose items come from `lists` (shown busy until they arrive) plus one item made
 * from the typed text when `typed` recognises it. Resolves undefined when dismissed.
 */
function pickFrom<T>(
  options: { title: string; placeholder: string },
  lists: Promise<ListItemsResult>,
  build: (lists: ListItemsResult) => Pick<T>[],
  typed: (text: string, items: readonly Pick<T>[]) => Pick<T> | undefined,
  typedFirst: boolean | ((text: string, items: readonly Pick<T>[]) => boolean),
): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Pick<T>>();
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  qp.busy = true;
  let base: Pick<T>[] = [];
  let typedKey: string | undefined;
  const update = (force: boolean): void => {
    const extra = typed(qp.value, base);
    const key = extra?.label;
    if (!force && key === typedKey) return; // reassigning thousands of items per keystroke is slow
    typedKey = key;
    const first = typeof typedFirst === 'function' ? typedFirst(qp.value, base) : typedFirst;
    qp.items = extra ? (first ? [extra, ...base] : [...base, extra]) : base;
  };
  lists.then(
    (l) => {
      base = build(l);
      qp.busy = false;
      update(true);
    },
    (error: unknown) => {
      qp.busy = false;
      qp.placeholder = `Could not list the choices (${error instanceof Error ? error.message : String(error)}); type a code`;
      update(true);
    },
  );
  return new Promise((resolve) => {
    let done = false;
    qp.onDidChangeValue(() => update(false));
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0] ?? qp.activeItems[0];
      if (picked?.value === undefined) return;
      done = true;
      resolve(picked.value);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

export function pickItem(lists: Promise<ListItemsResult>): Promise<ItemInput | undefined> {
  return pickFrom<ItemInput>(
    {
      title: 'Check Item (1/4): what is exported',
      placeholder: 'A product (sku or name), an ECCN (5A992, 3A001.a.1, EAR99) or an HS code (8517.13)',
    },
    lists,
    itemPicks,
    (text, items) => {
      const item = typedItem(text);
      if (!item) return undefined;
      const code = item.eccn ?? item.hs ?? '';
      if (items.some((i) => i.label.toUpperCase() === code.toUpperCase())) return undefined;
      return {
        label: code,
        description: item.eccn ? 'typed ECCN' : 'typed HS code',
        alwaysShow: true,
        value: item,
      };
    },
    true,
  );
}

function itemPicks(lists: ListItemsResult): Pick<ItemInput>[] {
  const picks: Pick<ItemInput>[] = [];
  if (lists.products.length > 0) picks.push(separator('Products in the workspace'));
  for (const p of lists.products) {
    const detail = [p.eccn ? `ECCN ${p.eccn}` : 'no ECCN (EAR99)', p.hs ? `HS ${p.hs}` : '', `ruleset ${p.ruleset}`];
    picks.push({
      label: p.sku,
      description: p.name,
      detail: detail.filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon('package'),
      value: { product: p.sku },
    });
  }
  if (lists.eccns.length > 0) picks.push(separator(`ECCNs (Commerce Control List, ${dataAsOfText(lists.dataAsOf)})`));
  for (const e of lists.eccns) picks.push({ label: e.code, description: e.title, value: { eccn: e.code } });
  return picks;
}

export function pickDestination(
  lists: Promise<ListItemsResult>,
  item: ItemInput,
  step: string | undefined,
): Promise<string | undefined> {
  return pickFrom<string>(
    { title: `Check Item${step ? ` (${step})` : ''}: destination of ${describeItem(item)}`, placeholder: 'Country or region, by name or code (RU, UA-43)' },
    lists,
    destinationPicks,
    (text, items) => {
      const t = text.trim();
      if (t.length < 2) return undefined;
      const upper = t.toUpperCase();
      const known = items.some((i) => i.value?.toUpperCase() === upper || i.label.toUpperCase() === upper);
      return known ? undefined : { label: t, description: 'use as typed', alwaysShow: true, value: t };
    },
    false,
  );
}

function destinationPicks(lists: ListItemsResult): Pick<string>[] {
  return [...lists.destinations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => ({
      label: d.name,
      description: [d.code, d.parent ? `region of ${d.parent}` : '', d.embargoed ? '$(warning) embargoed' : '']
        .filter(Boolean)
        .join('  '),
      value: d.code,
    }));
}

type PartyPickValue = PartyChoice | { kind: 'ask' };

/** The party of the shipment, optional: the workspace's parties first, a typed name, or none. */
export async function pickParty(lists: Promise<ListItemsResult>, step: string | undefined): Promise<PartyChoice | undefined> {
  const picked = await pickFrom<PartyPickValue>(
    {
      title: `Check Item${step ? ` (${step})` : ''}: party (optional)`,
      placeholder: 'Who receives it: a party of the rule files, or type a name to screen it against the lists',
    },
    lists,
    partyPicks,
    (text, items) => {
      const t = text.trim();
      if (t.length < 2) return undefined;
      const lower = t.toLowerCase();
      const known = items.some((i) => i.value?.kind === 'party' && (i.value.id.toLowerCase() === lower || i.description?.toLowerCase() === lower));
      return known ? undefined : { label: `$(search) Screen "${t}"`, description: 'a name as typed', alwaysShow: true, value: { kind: 'name', name: t } };
    },
    // the typed name goes first unless it is part of a listed party's id or name (that party is then first)
    (text, items) => !items.some((i) => i.value?.kind === 'party' && `${i.label} ${i.description ?? ''}`.toLowerCase().includes(text.trim().toLowerCase())),
  );
  if (picked?.kind !== 'ask') return picked;
  const name = await vscode.window.showInputBox({
    title: `Check Item${step ? ` (${step})` : ''}: party name`,
    prompt: 'The name of the party as the order or the contract writes it; it is screened against the restricted-party lists',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Write a name, or press Escape to cancel' : undefined),
  });
  return name === undefined ? undefined : { kind: 'name', name: name.trim() };
}

function partyPicks(lists: ListItemsResult): Pick<PartyPickValue>[] {
  const parties = lists.parties ?? [];
  const picks: Pick<PartyPickValue>[] = [];
  if (parties.length > 0) picks.push(separator('Parties in the workspace'));
  for (const p of parties) {
    picks.push({
      label: p.id,
      description: p.name,
      detail: [p.country, p.role ? roleWords(p.role) : '', `ruleset ${p.ruleset}`].filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon('person'),
      value: { kind: 'party', id: p.id },
    });
  }
  picks.push(separator('Other'));
  picks.push({ label: '$(edit) A name not in the rule files…', description: 'type the name to screen', alwaysShow: true, value: { kind: 'ask' } });
  picks.push({ label: '$(circle-slash) No party', description: 'skip screening; the answer says the parties were not screened', alwaysShow: true, value: { kind: 'none' } });
  return picks;
}

/**
 * The country of a party given by name, optional: screening uses it to tell namesakes apart (a
 * listed entry of another country scores lower; an exact name still matches). '' for "not
 * known" (the name is screened alone), undefined when dismissed.
 */
export function pickPartyCountry(
  lists: Promise<ListItemsResult>,
  name: string,
  destination: string,
  step: string | undefined,
): Promise<string | undefined> {
  return pickFrom<string>(
    {
      title: `Check Item${step ? ` (${step})` : ''}: the party's country (optional)`,
      placeholder: `Where "${name}" is: a country by name or code, or "Country not known"`,
    },
    lists,
    (l) => countryPicks(l, destination),
    (text, items) => {
      const code = text.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(code) || items.some((i) => i.value === code)) return undefined;
      return { label: code, description: 'use as typed (ISO 3166-1 alpha-2)', alwaysShow: true, value: code };
    },
    false,
  );
}

function countryPicks(lists: ListItemsResult, destination: string): Pick<string>[] {
  const { destination: here, all } = partyCountryChoices(lists.destinations, destination);
  const picks: Pick<string>[] = [
    { label: '$(circle-slash) Country not known', description: 'screen the name alone', alwaysShow: true, value: '' },
  ];
  if (here) picks.push(separator('The destination'), { label: here.name, description: here.code, value: here.code });
  picks.push(separator('Countries'));
  for (const c of all) if (c.code !== here?.code) picks.push({ label: c.name, description: c.code, value: c.code });
  return picks;
}

/** The date of the export; empty means today. Undefined when dismissed. */
export async function askDate(step: string): Promise<string | undefined> {
  const today = localToday();
  const value = await vscode.window.showInputBox({
    title: `Check Item (${step}): date`,
    prompt: 'Date of the export (yyyy-mm-dd); rules in force on that day apply',
    value: today,
    ignoreFocusOut: true,
    // the same words as the command line and the engine: "2023-02-29 is not a date: February 2023 has 28 days"
    validateInput: (text) => (text.trim() === '' ? undefined : whyNotADate(text.trim())),
  });
  if (value === undefined) return undefined;
  return value.trim() === '' ? today : value.trim();
}
