// Finding a node of the YNode tree by JSON pointer, for mapping findings to exact spans.
import { work } from './work';
import type { YMap, YNode, YPair, YScalar } from './yamlTree';

export interface Located {
  node: YNode | null;
  /** The mapping key whose value this is (absent for sequence items and the root). */
  key?: YScalar;
  /** The mapping or sequence that holds it. */
  parent?: YNode;
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves as deep as the tree goes; `missing` says how many segments could not be followed. */
export function locate(root: YNode | null, pointer: string): Located & { missing: number } {
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
  let cur: Located = { node: root };
  for (let i = 0; i < segs.length; i++) {
    const n = cur.node;
    let next: Located | undefined;
    if (n?.kind === 'map') {
      const pair = pairOf(n as YMap, segs[i]);
      if (pair) next = { node: pair.value, key: pair.key, parent: n };
    } else if (n?.kind === 'seq') {
      const idx = Number(segs[i]);
      if (Number.isInteger(idx) && idx >= 0 && idx < n.items.length) next = { node: n.items[idx], parent: n };
    }
    if (!next) return { ...cur, missing: segs.length - i };
    cur = next;
  }
  return { ...cur, missing: 0 };
}

/** Key -> first pair, for large mappings: a lookup per regime of a 40,000-regime file must not
 *  scan them all (trees are not changed after parsing, so the index stays valid). */
const keyIndex = new WeakMap<YMap, Map<string, YPair>>();
function pairOf(map: YMap, key: string): YPair | undefined {
  if (map.items.length < 32) {
    work.steps += map.items.length;
    return map.items.find((p) => String(p.key.value) === key);
  }
  work.steps++;
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    work.steps += map.items.length;
    for (const p of map.items) {
      const k = String(p.key.value);
      if (!index.has(k)) index.set(k, p);
    }
    keyIndex.set(map, index);
  }
  return index.get(key);
}
