// A screening over one list with one threshold, remembering names it has screened (the editor
// screens the same parties on every check of a file).
import type { PartyScreener } from '../service/parties';
import { screenName } from './match';
import type { ScreeningIndex } from './nameIndex';
import type { ListEntry, ScreeningResult } from './types';

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
