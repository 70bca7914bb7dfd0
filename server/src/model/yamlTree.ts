// A small, parser-independent YAML node tree with source offsets. Features read this tree,
// not the `yaml` package's AST, so that a faster parser for the common subset can produce
// the same tree (see fastParse.ts) and `yaml` stays the reference for everything else.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

export type ScalarValue = string | number | boolean | null;

export interface YScalar {
  kind: 'scalar';
  value: ScalarValue;
  start: number;
  end: number;
  /** True for '...' and "..." scalars (a quoted "true" is a string). */
  quoted: boolean;
}
export interface YPair {
  key: YScalar;
  value: YNode | null;
}
export interface YMap {
  kind: 'map';
  items: YPair[];
  start: number;
  end: number;
  flow: boolean;
}
export interface YSeq {
  kind: 'seq';
  items: (YNode | null)[];
  start: number;
  end: number;
  flow: boolean;
}
export type YNode = YScalar | YMap | YSeq;

/** Thrown when the tree would exceed the size limits (an alias bomb expanded, say). */
export class TreeLimitError extends Error {
  constructor(
    readonly code: 'too-deep' | 'alias-limit' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export interface TreeBudget {
  nodes: number;
  depth: number;
  aliases: number;
}

/**
 * Converts a `yaml` node to a YNode, shifting offsets by `base`. Aliases are resolved (the
 * document was parsed with a maxAliasCount, so they are bounded); non-scalar keys are dropped.
 */
export function fromYaml(node: unknown, doc: Document, base: number, budget: TreeBudget = { nodes: 2_000_000, depth: 200, aliases: 100 }, depth = 0): YNode | null {
  if (node == null) return null;
  if (--budget.nodes < 0) throw new TreeLimitError('too-large', 'This YAML expands to too many nodes; it is not read, to protect the editor.');
  if (depth > budget.depth) throw new TreeLimitError('too-deep', `This YAML nests more than ${budget.depth} levels deep; rule files never need that.`);
  if (isAlias(node)) {
    if (--budget.aliases < 0)
      throw new TreeLimitError('alias-limit', 'Too many aliases expand here (an "alias bomb"?): the file is not read, to protect the editor.');
    const target = node.resolve(doc);
    const resolved = target ? fromYaml(target, doc, base, budget, depth + 1) : null;
    // an alias is shown where it stands, not where its anchor is
    const [s, , e] = node.range ?? [0, 0, 0];
    return resolved ? { ...resolved, start: s + base, end: e + base } : null;
  }
  const n = node as YamlNode;
  const [s, e] = n.range ? [n.range[0] + base, n.range[1] + base] : [base, base];
  if (isScalar(n)) {
    const v = n.value;
    const value: ScalarValue =
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', value, start: s, end: e, quoted: n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' };
  }
  if (isMap(n)) {
    const items: YPair[] = [];
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const k = fromYaml(pair.key, doc, base, budget, depth + 1);
      if (!k || k.kind !== 'scalar') continue;
      items.push({ key: k, value: fromYaml(pair.value, doc, base, budget, depth + 1) });
    }
    return { kind: 'map', items, start: s, end: e, flow: !!n.flow };
  }
  if (isSeq(n)) {
    return {
      kind: 'seq',
      items: n.items.map((i) => fromYaml(i, doc, base, budget, depth + 1)),
      start: s,
      end: e,
      flow: !!n.flow,
    };
  }
  return null;
}

/** Plain data of a node: what the schema validates and the model reads. */
export function toData(node: YNode | null): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    // indexed loops: this runs for every node of every entry the schema validates
    case 'seq': {
      const items = node.items;
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) out.push(toData(items[i]));
      return out;
    }
    case 'map': {
      const o: Record<string, unknown> = {};
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const p = items[i];
        const kv = p.key.value;
        const k = typeof kv === 'string' ? kv : String(kv);
        // `o.__proto__ = v` would set the prototype (the key's contents then read as inherited
        // keys of the mapping): define it as a plain own key, as yaml's toJS does
        if (k === '__proto__') Object.defineProperty(o, k, { value: toData(p.value), enumerable: true, writable: true, configurable: true });
        else o[k] = toData(p.value);
      }
      return o;
    }
  }
}

export function getKey(map: YMap, key: string): YPair | undefined {
  for (const p of map.items) if (p.key.value === key) return p;
  return undefined;
}

/** Escapes one JSON-pointer segment. */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}
