// Cleared false positives: a person reviewed a hit and found it is not the party. The
// clearance holds while the list entry is as it was when cleared (its fingerprint); a later
// list that changes the entry makes the hit alert again.
import { createHash } from 'node:crypto';
import type { ListEntry, ScreeningHit } from './types';

/** A fingerprint of what a clearance was judged on: the entry's names, countries, list and requirement. */
export function entryHash(e: ListEntry): string {
  const basis = [e.list, e.name, [...e.altNames].sort().join('|'), [...e.countries].sort().join(','), e.licenseRequirement ?? '', e.programs.join(',')].join(
    '\n',
  );
  return createHash('sha256').update(basis).digest('hex').slice(0, 12);
}

/** The parts of a clearance the check reads (model/types.ts PartyClearance). */
export interface ClearanceRecord {
  entry: string;
  list?: string;
  entryHash?: string;
  listVersion?: string;
  date?: string;
}

export type ClearanceState<C extends ClearanceRecord> =
  | { state: 'none' }
  | { state: 'cleared'; clearance: C }
  /** Cleared once, but the entry is no longer what was cleared: alert again. */
  | { state: 'changed'; clearance: C; why: string };

/** Whether a hit was cleared, and whether the clearance still holds for the list screened. */
export function clearanceOf<C extends ClearanceRecord>(
  hit: Pick<ScreeningHit, 'id' | 'list' | 'entry'>,
  clearances: readonly C[],
  listDate: string,
): ClearanceState<C> {
  const c = clearances.find((x) => x.entry === hit.id && (!x.list || x.list.toUpperCase() === hit.list));
  if (!c) return { state: 'none' };
  if (c.entryHash) {
    return c.entryHash === entryHash(hit.entry)
      ? { state: 'cleared', clearance: c }
      : { state: 'changed', clearance: c, why: `the entry changed after it was cleared${c.date ? ` on ${c.date}` : ''}` };
  }
  // without a fingerprint a change cannot be seen: a newer list than the one cleared against alerts again
  if (c.listVersion && listDate > c.listVersion) {
    return {
      state: 'changed',
      clearance: c,
      why: `the list of ${listDate} is newer than the list of ${c.listVersion} the hit was cleared against, and the clearance has no entryHash to tell whether the entry changed`,
    };
  }
  return { state: 'cleared', clearance: c };
}
