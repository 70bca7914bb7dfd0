// What the checks of one licence exception found, collected before it becomes a result:
// bars (not available, with the paragraph), facts to confirm, inputs that would decide it,
// conditions of use.
import type { ExceptionInput } from './types';

export interface Bar {
  text: string;
  citation: string;
}

// Most findings stay empty: the lists are made on first use (a check makes a dozen findings).
const NONE: never[] = Object.freeze([]) as unknown as never[];

export class Finding {
  bars: Bar[] = NONE;
  facts: string[] = NONE;
  inputs: ExceptionInput[] = NONE;
  conditions: string[] = NONE;
  /** The citation of the first fact, when a fact decides the answer. */
  factCitation: string | undefined;
  /** LVS: the dollar limit that applied. */
  limit: number | undefined;
  /** What a person confirms for an exception the data cannot decide (its section's conditions). */
  confirm: string | undefined;

  bar(text: string, citation: string): void {
    if (this.bars === NONE) this.bars = [];
    this.bars.push({ text, citation });
  }

  fact(text: string, citation?: string): void {
    if (this.facts === NONE) this.facts = [];
    if (!this.facts.includes(text)) this.facts.push(text);
    this.factCitation ??= citation;
  }

  input(input: ExceptionInput): void {
    if (this.inputs === NONE) this.inputs = [];
    if (!this.inputs.includes(input)) this.inputs.push(input);
  }

  condition(text: string): void {
    if (this.conditions === NONE) this.conditions = [];
    if (!this.conditions.includes(text)) this.conditions.push(text);
  }

  get barred(): boolean {
    return this.bars.length > 0;
  }

  get open(): boolean {
    return this.facts.length > 0 || this.inputs.length > 0 || this.confirm !== undefined;
  }

  /** Adds another finding's bars, facts and inputs (not its conditions or limit). */
  absorb(other: Finding): void {
    for (const b of other.bars) this.bar(b.text, b.citation);
    for (const f of other.facts) this.fact(f, other.factCitation);
    for (const i of other.inputs) this.input(i);
  }
}
