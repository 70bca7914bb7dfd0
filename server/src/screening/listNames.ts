// The readable names of the lists of the Consolidated Screening List, by code. Its own module
// (no data, no matcher), so that the client's result view can name the lists too.
import type { ListCode } from './types';

const LIST_NAMES: Record<ListCode, string> = {
  EL: 'Entity List',
  MEU: 'Military End-User List',
  UVL: 'Unverified List',
  DPL: 'Denied Persons List',
  SDN: 'Specially Designated Nationals List',
  SSI: 'Sectoral Sanctions Identifications List',
  FSE: 'Foreign Sanctions Evaders List',
  CMIC: 'Non-SDN Chinese Military-Industrial Complex Companies List',
  MBS: 'Non-SDN Menu-Based Sanctions List',
  PLC: 'Palestinian Legislative Council List',
  CAP: 'CAPTA List',
  DTC: 'ITAR Debarred List',
  ISN: 'Nonproliferation Sanctions',
  OTHER: 'a list the CSL names',
};

/** The readable name of a list. */
export function listName(code: ListCode): string {
  return LIST_NAMES[code];
}
