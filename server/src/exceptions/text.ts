// The licence exceptions and de minimis parts of an answer as plain text, one function for the
// command line (`check`) and the Check Item panel's "Copy as text". Types only: no data loads.
import { usd } from './match';
import type { DeMinimisResult, ExceptionInput, ExceptionResult, ExceptionStatus } from './types';

export interface ShipmentParts {
  decision: string;
  exceptions: readonly ExceptionResult[];
  exceptionNotes: readonly string[];
  deMinimis?: DeMinimisResult;
  subjectToEar?: boolean;
}

/** How a person gives the input that decides an exception, in the words of the surface asking. */
export type InputWords = Record<ExceptionInput, string>;

const CLI_INPUTS: InputWords = {
  value: 'give the shipment value (--value USD)',
  paragraph: 'name the ECCN paragraph (--eccn 3A001.b.2)',
  parties: 'screen the parties',
};

export const STATUS_HEADINGS: Record<ExceptionStatus, string> = {
  available: 'Available',
  'not-available': 'Not available',
  'needs-facts': 'Needs facts',
};

const STATUS_ORDER: readonly ExceptionStatus[] = ['available', 'needs-facts', 'not-available'];

/** The exceptions of a license-required answer, grouped by status, each with its reason and citation. */
export function exceptionsText(d: ShipmentParts, inputs: InputWords = CLI_INPUTS): string[] {
  if (d.decision !== 'license-required') return [];
  const lines = ['Licence exceptions (15 CFR part 740; a separate part of the answer: the decision stays license-required):'];
  if (d.exceptions.length === 0) lines.push('  none listed');
  for (const status of STATUS_ORDER) {
    const group = d.exceptions.filter((e) => e.status === status);
    if (group.length === 0) continue;
    lines.push(`  ${STATUS_HEADINGS[status]}:`);
    for (const e of group) {
      const limit = e.limit !== undefined ? ` Limit ${usd(e.limit)}.` : '';
      lines.push(`    ${e.symbol}: ${e.reason}${limit} [${e.citation}]`);
      if (e.entryLine) lines.push(`      entry: "${e.entryLine}"`);
      for (const c of e.conditions ?? []) lines.push(`      condition: ${c}`);
      // the reason already says the first fact (or the one thing to confirm)
      if (status === 'needs-facts') for (const n of e.needs ?? []) if (!e.reason.includes(n.replace(/\.$/, ''))) lines.push(`      needs: ${n}`);
      for (const i of e.inputs ?? []) lines.push(`      to decide it: ${inputs[i]}`);
    }
  }
  for (const n of d.exceptionNotes) lines.push(`  note: ${n}`);
  return lines;
}

const OUTCOME_WORDS: Record<DeMinimisResult['outcome'], string> = {
  'not-subject-to-ear': 'NOT SUBJECT TO THE EAR',
  'subject-to-ear': 'subject to the EAR',
  'needs-facts': 'depends on facts not given (treated as subject to the EAR)',
};

/** De minimis for a foreign-made item: the outcome, the calculation, why, and what else holds. */
export function deMinimisText(d: ShipmentParts): string[] {
  const m = d.deMinimis;
  if (!m) return [];
  const lines = [`De minimis (15 CFR 734.4): ${OUTCOME_WORDS[m.outcome]}${m.outcome === 'not-subject-to-ear' && d.subjectToEar !== false ? ', but a foreign direct product rule applies: subject to the EAR' : ''}`];
  lines.push(`  ${m.calculation}`);
  lines.push(`  ${m.reason} [${m.citation}]`);
  for (const n of m.needs ?? []) lines.push(`  needs: ${n}`);
  for (const n of m.notes) lines.push(`  note: ${n}`);
  return lines;
}
