// Walking the rule-file JSON schema by a path of keys, for completion and hover. The schema is
// the one source of key names, key documentation, enum values and snippets.
import { schema, type SchemaNode } from '../model/validate';

/** A path segment that stands for "an item of this list" (keys are never "[]"). */
export const ITEM = '[]';

/** Follows a local `$ref`, keeping the referring node's own title and documentation. */
export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const m = /^#\/definitions\/(.+)$/.exec(node.$ref);
  const target = m ? schema.definitions?.[m[1]] : undefined;
  if (!target) return node;
  const own: SchemaNode = { ...node };
  delete own.$ref;
  // the target's snippets belong to the target; the referring key adds its own words
  return { ...deref(target), ...own };
}

/** The schema of one child: a property, a pattern property, an additional property, or a list item. */
function childSchema(parent: SchemaNode | undefined, segment: string): SchemaNode | undefined {
  const p = deref(parent);
  if (!p) return undefined;
  if (segment === ITEM) return acceptsArray(p) ? deref(p.items) : undefined;
  const prop = p.properties?.[segment];
  if (prop) return deref(prop);
  for (const [pattern, s] of Object.entries(p.patternProperties ?? {})) if (new RegExp(pattern).test(segment)) return deref(s);
  if (p.additionalProperties && typeof p.additionalProperties === 'object') return deref(p.additionalProperties);
  return undefined;
}

const cache = new Map<string, SchemaNode | undefined>();

/** The schema at a path from the root; cached, since paths repeat (rules/[]/when/items/[] ...). */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  // user keys (regime ids) vary, so key the cache by the schema-relevant shape only
  const key = path.join('\u0000');
  if (cache.has(key)) return cache.get(key);
  let s: SchemaNode | undefined = schema;
  for (const seg of path) s = childSchema(s, seg);
  if (cache.size > 2000) cache.clear();
  cache.set(key, s);
  return s;
}

function types(s: SchemaNode): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

export function isObject(s: SchemaNode | undefined): boolean {
  return !!s && (types(s).includes('object') || !!s.properties);
}

export function acceptsArray(s: SchemaNode | undefined): boolean {
  return !!s && (types(s).includes('array') || (!!s.items && types(s).length === 0));
}

/** Only a list is allowed (no single value): `rules`, `items`, `include`. */
export function isArrayOnly(s: SchemaNode | undefined): boolean {
  return !!s && acceptsArray(s) && !types(s).includes('string');
}

/** The documentation of a schema node, markdown preferred. */
export function docOf(s: SchemaNode | undefined): string {
  return s?.markdownDescription ?? s?.description ?? '';
}

/** Enum values with their markdown descriptions (own enum, or the item schema's). */
export function enumOf(s: SchemaNode | undefined): { value: string; doc: string }[] {
  const target = s?.enum ? s : deref(s?.items);
  if (!target?.enum) return [];
  return target.enum.map((v, i) => ({
    value: String(v),
    doc: target.markdownEnumDescriptions?.[i] ?? target.enumDescriptions?.[i] ?? '',
  }));
}
