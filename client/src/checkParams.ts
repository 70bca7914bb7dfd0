// What Check Item sends for the answers of its steps: the request from the picks, and the
// choices of the party's country. Pure (no vscode), so the client only wires the pickers.
import type { CheckItemParams, ListItemsResult } from '../../server/src/protocol';
import type { ItemInput } from '../../server/src/model/types';

/**
 * What the party step answered: a party of the rule files (by id), a name as typed (screened
 * as written, with the country the person gave for it, if any), or no party (nothing
 * screened, and the answer says so).
 */
export type PartyChoice = { kind: 'party'; id: string } | { kind: 'name'; name: string; country?: string } | { kind: 'none' };

/**
 * The checkItem request for the picks. A workspace party goes by id alone: the server screens
 * it with the country its rule file gives now, so a panel re-run after that file changes uses
 * the new country (a `partyCountry` sent here would override it with the one of the moment of
 * the pick). A typed name carries the country the person picked; without one it is screened
 * by name alone, which never lowers a score.
 */
export function checkParams(item: ItemInput, destination: string, date: string | undefined, party: PartyChoice): CheckItemParams {
  const params: CheckItemParams = { item, destination, ...(date !== undefined ? { date } : {}) };
  if (party.kind === 'party') params.party = party.id;
  if (party.kind === 'name') {
    params.party = party.name;
    if (party.country) params.partyCountry = party.country;
  }
  return params;
}

/** A country the party may be in: ISO 3166-1 alpha-2 and its name. */
export interface CountryChoice {
  code: string;
  name: string;
}

/** Countries for the party's country step: the destination's country first (the party is often there), then every country by name. */
export function partyCountryChoices(
  destinations: ListItemsResult['destinations'],
  destination: string,
): { destination?: CountryChoice; all: CountryChoice[] } {
  // countries only: a region (UA-43) is not where a party is registered
  const all = destinations
    .filter((d) => /^[A-Z]{2}$/.test(d.code))
    .map((d) => ({ code: d.code, name: d.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const typed = destination.trim().toUpperCase();
  const picked = destinations.find((d) => d.code.toUpperCase() === typed || d.name.toUpperCase() === typed);
  const code = picked ? (picked.parent ?? picked.code) : undefined;
  const country = all.find((c) => c.code === code);
  return { ...(country ? { destination: country } : {}), all };
}
