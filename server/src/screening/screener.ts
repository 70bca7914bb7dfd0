// A screening over one list with one threshold, remembering names it has screened (the editor
// screens the same parties on every check of a file, a batch the same party on every line).
import { screenName } from './match';
import type { ScreeningIndex } from './nameIndex';
import type { ListEntry, ScreeningHit, ScreeningInput, ScreeningListInfo, ScreeningResult } from './types';

/** The screening the editor and the engine use: one list, one threshold. */
export interface PartyScreener {
  readonly info: ScreeningListInfo;
  readonly threshold: number;
  screen(input: ScreeningInput): ScreeningResult;
  /** A list entry by its id (for the hover of a clearance). */
  entry(id: string, list?: string): ListEntry | undefined;
}

/** A hit of one of a party's names: -1 its name, n its n-th alternate name. */
export interface NamedHit {
  hit: ScreeningHit;
  from: number;
}

/** The hits of a party: its name and alternate names screened, the best hit per entry, strongest first. */
export function screenNames(names: readonly (string | undefined)[], country: string | undefined, screener: PartyScreener): NamedHit[] {
  const best = new Map<string, NamedHit>();
  names.forEach((name, i) => {
    if (!name) return;
    for (const hit of screener.screen({ name, ...(country ? { country } : {}) }).hits) {
      const k = `${hit.list}|${hit.id}`;
      const had = best.get(k);
      if (!had || hit.score > had.hit.score) best.set(k, { hit, from: i - 1 });
    }
  });
  return [...best.values()].sort((a, b) => b.hit.score - a.hit.score);
}

const CACHE = 5000;

export function createScreener(index: ScreeningIndex, threshold: number): PartyScreener {
  const cache = new Map<string, ScreeningResult>();
  let byId: Map<string, ListEntry[]> | undefined;
  return {
    info: index.list.info,
    threshold,
    screen(input) {
      const key = `${input.name}\u0000${input.country ?? ''}`;
      let r = cache.get(key);
      if (!r) {
        r = screenName(index, input, { threshold });
        if (cache.size >= CACHE) cache.delete(cache.keys().next().value!);
        cache.set(key, r);
      }
      return r;
    },
    entry(id, list) {
      if (!byId) {
        byId = new Map();
        for (const e of index.entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
      }
      const found = byId.get(id) ?? [];
      return found.find((e) => !list || e.list === list.toUpperCase()) ?? found[0];
    },
  };
}
