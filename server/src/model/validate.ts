// Schema validation of a rule file: ajv, compiled once, run per entry (each rule, product,
// regime and test on its own, then the header), with every error mapped to the exact YAML
// node and told in words a compliance officer uses, not ajv's.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../schemas/export-rules.schema.json';
import { closest } from './similar';
import type { UnbuiltFile } from './parse';
import { locate, type Located } from './pointer';
import { pointerSegment, toData, type YMap, type YNode } from './yamlTree';
import type { Problem, Span } from './types';

/** The JSON schema, typed loosely: it is data we read titles and property names from. */
export interface SchemaNode {
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  const?: unknown;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  $ref?: string;
  pattern?: string;
  definitions?: Record<string, SchemaNode>;
  defaultSnippets?: { label?: string; description?: string; markdownDescription?: string; body?: unknown; bodyText?: string }[];
}

export const schema = schemaJson as unknown as SchemaNode & { $id?: string };

/** Which definition validates the items of each section. */
const SECTION_DEFINITIONS: Record<string, { def: string; isMap: boolean }> = {
  rules: { def: 'rule', isMap: false },
  products: { def: 'product', isMap: false },
  tests: { def: 'ruleTest', isMap: false },
  regimes: { def: 'regime', isMap: true },
};

interface Validators {
  root: ValidateFunction;
  entry: Map<string, ValidateFunction>;
}

let validators: Validators | undefined;

function getValidators(): Validators {
  if (validators) return validators;
  // strict: false because the schema carries editor keywords (markdownDescription,
  // defaultSnippets, enumDescriptions); no remote $ref is ever loaded (loadSchema unset)
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const root = ajv.compile(schema);
  const entry = new Map<string, ValidateFunction>();
  const id = schema.$id ?? '';
  for (const { def } of Object.values(SECTION_DEFINITIONS)) {
    const v = schema.definitions?.[def] ? ajv.getSchema(`${id}#/definitions/${def}`) : undefined;
    if (v) entry.set(def, v);
  }
  validators = { root, entry };
  return validators;
}

/**
 * The schema errors of an entry, by its node. The parser hands back the same node objects for
 * entries an edit did not change (moved, if need be, in place), so an edit re-validates only
 * the entries it touched; the errors are mapped to spans afresh each time.
 */
const entryErrors = new WeakMap<YNode, ErrorObject[] | null>();

/**
 * The entry validator of a top-level key that is a section validated entry by entry (`rules`,
 * `regimes` ...) and has the section's shape; undefined for the header's other keys, and for a
 * section of the wrong shape (the header's validation says so).
 */
function sectionValidator(v: Validators, name: string, kind: YNode['kind'] | undefined): ValidateFunction | undefined {
  const sec = SECTION_DEFINITIONS[name];
  return sec && kind === (sec.isMap ? 'map' : 'seq') ? v.entry.get(sec.def) : undefined;
}

/** Entries the schema validated (tests count them: an edit re-validates only what it touched). */
export const validationStats = { entries: 0 };

/** Validates the whole document tree. `root` is the parsed document (null when empty). */
export function validateRuleTree(root: YNode | null): Problem[] {
  const v = getValidators();
  const problems: Problem[] = [];
  if (!root || root.kind !== 'map') {
    const span = root ? { start: root.start, end: Math.min(root.end, root.start + 1) } : { start: 0, end: 0 };
    problems.push({
      code: 'not-a-rule-file',
      severity: 'error',
      message: 'A rule file is a mapping that starts with "ruleset:" and "title:" (see the rule format).',
      span,
    });
    return problems;
  }
  // the header: the root with each split-validated section emptied
  const header: Record<string, unknown> = {};
  for (const pair of root.items) {
    const name = String(pair.key.value);
    const val = pair.value;
    header[name] = sectionValidator(v, name, val?.kind) ? (val!.kind === 'map' ? {} : []) : toData(val);
  }
  const at = (pointer: string): Located => locate(root, pointer);
  // (a loop, not push(...): a list of 400,000 wrong values gives as many errors, too many arguments)
  if (!v.root(header)) for (const p of mapErrors(v.root.errors ?? [], at, '')) problems.push(p);
  for (const pair of root.items) {
    const name = String(pair.key.value);
    const val = pair.value;
    const fn = sectionValidator(v, name, val?.kind);
    if (!fn || !val || val.kind === 'scalar') continue;
    // an indexed loop, the pointer segment made only for an entry with errors: this runs for
    // every entry of the file
    const count = val.items.length;
    for (let i = 0; i < count; i++) {
      const node = val.kind === 'map' ? val.items[i].value : val.items[i];
      let errors = node ? entryErrors.get(node) : undefined;
      if (errors === undefined) {
        validationStats.entries++;
        errors = fn(toData(node)) ? null : [...(fn.errors ?? [])];
        if (node) entryErrors.set(node, errors);
      }
      if (!errors) continue;
      const seg = val.kind === 'map' ? pointerSegment(String(val.items[i].key.value)) : String(i);
      for (const p of mapErrors(errors, at, `/${name}/${seg}`)) problems.push(p);
    }
  }
  return problems;
}

/**
 * validateRuleTree for a file whose tree is not made yet (the first analysis of a file, see
 * parse.ts): the same problems, validated from the tape's plain data; only an entry with errors
 * has its nodes made, to locate them (and the whole tree for an error in the header). When the
 * tree is made, its entries are known to the per-entry memo, so the first edit re-validates
 * only what it touched.
 */
export function validateUnbuilt(file: UnbuiltFile): Problem[] {
  const v = getValidators();
  const problems: Problem[] = [];
  const header: Record<string, unknown> = {};
  for (const k of file.keys) header[k.name] = sectionValidator(v, k.name, k.kind) ? (k.kind === 'map' ? {} : []) : k.data();
  if (!v.root(header)) {
    const root = file.root();
    for (const p of mapErrors(v.root.errors ?? [], (pointer) => locate(root, pointer), '')) problems.push(p);
  }
  // each entry's errors (null: none), in the order validateRuleTree meets the entries
  const memo: (ErrorObject[] | null)[] = [];
  for (const k of file.keys) {
    const fn = sectionValidator(v, k.name, k.kind);
    const entries = k.entries;
    if (!fn || !entries) continue;
    const count = entries.count;
    for (let i = 0; i < count; i++) {
      validationStats.entries++;
      const errors = fn(entries.data(i)) ? null : [...(fn.errors ?? [])];
      memo.push(errors);
      if (!errors) continue;
      const base = `/${k.name}/${k.kind === 'map' ? pointerSegment(entries.keyName(i)) : String(i)}`;
      const entry = entries.node(i);
      // a pointer below the entry, located in the entry's own nodes: what locate finds in the whole tree
      const at = (pointer: string): Located => {
        const found = locate(entry.node, pointer.slice(base.length));
        return pointer.length === base.length && entry.key ? { ...found, key: entry.key } : found;
      };
      for (const p of mapErrors(errors, at, base)) problems.push(p);
    }
  }
  file.whenBuilt((root) => rememberEntryErrors(root, memo));
  return problems;
}

/** Tells the per-entry memo the errors of the entries of a tree just made (in validateRuleTree's order). */
function rememberEntryErrors(root: YNode | null, memo: (ErrorObject[] | null)[]): void {
  if (root?.kind !== 'map') return;
  const v = getValidators();
  let next = 0;
  for (const pair of root.items) {
    const val = pair.value;
    if (!val || val.kind === 'scalar' || !sectionValidator(v, String(pair.key.value), val.kind)) continue;
    for (let i = 0; i < val.items.length; i++) {
      const node = val.kind === 'map' ? val.items[i].value : val.items[i];
      if (next >= memo.length) return;
      if (node) entryErrors.set(node, memo[next]);
      next++;
    }
  }
}

/** Turns ajv errors (relative to `base`) into problems at exact spans, collapsing anyOf noise. */
function mapErrors(errors: ErrorObject[], at: (pointer: string) => Located, base: string): Problem[] {
  const collapsed = dropMisspeltRequired(collapseAlternatives(errors));
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of collapsed) {
    const p = toProblem(e, at, base);
    const key = `${p.code}:${p.span.start}:${p.span.end}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** A misspelt key is one mistake, not two: "decison" unknown and "decision" missing. */
function dropMisspeltRequired(errors: ErrorObject[]): ErrorObject[] {
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties');
  if (unknown.length === 0) return errors;
  return errors.filter((e) => {
    if (e.keyword !== 'required') return true;
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    return !unknown.some(
      (u) => u.instancePath === e.instancePath && closest(String((u.params as { additionalProperty: string }).additionalProperty), [missing], 1).length > 0,
    );
  });
}

/** Drops the errors of the branches of a failed anyOf/oneOf, keeping one error for it. */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alts = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (alts.length === 0) return errors;
  return errors.filter((e) => !alts.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`)));
}

function toProblem(e: ErrorObject, locateAt: (pointer: string) => Located, base: string): Problem {
  const pointer = base + e.instancePath;
  const here = locateAt(pointer);
  const name = lastName(pointer);
  const what = describe(e.parentSchema as SchemaNode | undefined, name);
  const valueSpan = (): Span => (here.node ? nodeSpan(here.node) : here.key ? { start: here.key.start, end: here.key.end } : { start: 0, end: 0 });
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const at = locateAt(`${pointer}/${pointerSegment(prop)}`);
      const allowed = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {});
      const near = closest(prop, allowed, 3);
      const span = at.key ? { start: at.key.start, end: at.key.end } : valueSpan();
      return {
        code: 'unknown-property',
        severity: 'error',
        message: `Unknown key "${prop}" in ${what}${near.length ? `; did you mean "${near[0]}"?` : `. Allowed keys: ${allowed.join(', ')}.`}`,
        span,
        fixes: near.map((n) => ({ title: `Change to "${n}"`, newText: n })),
      };
    }
    case 'required': {
      const prop = String((e.params as { missingProperty: string }).missingProperty);
      const about = (e.parentSchema as SchemaNode | undefined)?.properties?.[prop];
      return {
        code: 'missing-property',
        severity: 'error',
        message: `${capitalise(what)} needs "${prop}"${about?.title && about.title.toLowerCase() !== prop.toLowerCase() ? ` (${about.title.toLowerCase()})` : ''}.`,
        span: missingSpan(here),
      };
    }
    case 'anyOf':
    case 'oneOf': {
      const branches = ((e.parentSchema as SchemaNode | undefined)?.[e.keyword] ?? []) as SchemaNode[];
      const needs = branches.flatMap((b) => b.required ?? []);
      if (needs.length && branches.every((b) => b.required && Object.keys(b).length === 1))
        return {
          code: 'missing-property',
          severity: 'error',
          message: `${capitalise(what)} needs at least one of: ${needs.join(', ')}.`,
          span: missingSpan(here),
        };
      return { code: 'invalid-value', severity: 'error', message: `${capitalise(what)} does not have any of the allowed forms.`, span: valueSpan() };
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      // only a scalar can be near an allowed value (String() of a mapping with a `toString` key throws)
      const near = e.data === null || typeof e.data !== 'object' ? closest(String(e.data), allowed, 2) : [];
      return {
        code: 'invalid-value',
        severity: 'error',
        message: `${name} must be one of: ${allowed.join(', ')}${near.length ? ` (did you mean ${near[0]}?)` : ''}`,
        span: valueSpan(),
        fixes: near.map((n) => ({ title: `Change to ${n}`, newText: n })),
      };
    }
    case 'const':
      return {
        code: 'invalid-value',
        severity: 'error',
        message: `${name} can only be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
        span: valueSpan(),
      };
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const words = (Array.isArray(t) ? t : String(t).split(',')).map(typeWords).join(' or ');
      return { code: 'wrong-type', severity: 'error', message: `${name} must be ${words}`, span: valueSpan() };
    }
    case 'pattern': {
      const pat = String((e.params as { pattern: string }).pattern);
      const msg = pat.includes('\\d{4}-\\d{2}-\\d{2}')
        ? `${name} must be a date written yyyy-mm-dd, for example 2024-01-01`
        : pat.startsWith('^[a-z0-9]')
          ? `${name} may use only lower-case letters, digits, ".", "_" and "-", starting with a letter or digit`
          : `${name} does not have the expected form`;
      return { code: 'invalid-format', severity: 'error', message: msg, span: valueSpan() };
    }
    case 'minItems':
      return {
        code: 'empty-list',
        severity: 'error',
        message: (e.params as { limit: number }).limit === 1 ? `${name} must not be empty: list at least one entry` : `${name} must list at least ${(e.params as { limit: number }).limit} entries`,
        span: valueSpan(),
      };
    case 'minProperties':
      return { code: 'empty-selector', severity: 'error', message: `${capitalise(what)} needs at least one key`, span: valueSpan() };
    case 'minLength':
      return { code: 'invalid-value', severity: 'error', message: `${name} must not be empty`, span: valueSpan() };
    default:
      // any other rule of the schema: a value it does not allow
      return { code: 'invalid-value', severity: 'error', message: `${name}: ${e.message ?? 'invalid'}`, span: valueSpan() };
  }
}

function nodeSpan(n: YNode): Span {
  // a whole mapping is marked on its first line only: squiggling 40 lines helps nobody
  if (n.kind === 'scalar' || n.flow) return { start: n.start, end: Math.max(n.end, n.start + 1) };
  const first = n.kind === 'map' ? n.items[0]?.key : undefined;
  return first ? { start: first.start, end: first.end } : { start: n.start, end: n.start + 1 };
}

/** A missing key is reported on the key that holds the mapping, else on its first key. */
function missingSpan(here: { node: YNode | null; key?: { start: number; end: number } }): Span {
  if (here.key) return { start: here.key.start, end: here.key.end };
  const n = here.node;
  if (n?.kind === 'map' && n.items.length) return { start: (n as YMap).items[0].key.start, end: (n as YMap).items[0].key.end };
  return n ? { start: n.start, end: n.start + 1 } : { start: 0, end: 0 };
}

function lastName(pointer: string): string {
  const segs = pointer.split('/').filter(Boolean);
  for (let i = segs.length - 1; i >= 0; i--) if (!/^\d+$/.test(segs[i])) return segs[i];
  return 'the rule file';
}

function describe(s: SchemaNode | undefined, fallback: string): string {
  if (s?.title) return `${/^[aeiou]/i.test(s.title) ? 'an' : 'a'} ${s.title.charAt(0).toLowerCase()}${s.title.slice(1)}`;
  return fallback === 'the rule file' ? fallback : `"${fallback}"`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function typeWords(t: string): string {
  const words: Record<string, string> = {
    string: 'text',
    array: 'a list',
    object: 'a mapping of keys to values',
    boolean: 'true or false',
    number: 'a number',
    integer: 'a whole number',
    null: 'empty',
  };
  return words[t] ?? t;
}
