// Finding a node of the YNode tree by JSON pointer, for mapping findings to exact spans.
import type { YMap, YNode, YScalar } from './yamlTree';

export interface Located {
  node: YNode | null;
  /** The mapping key whose value this is (absent for sequence items and the root). */
  key?: YScalar;
  /** The mapping or sequence that holds it. */
  parent?: YNode;
}

export function unescapeSegment(s: string): string {
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
      const pair = (n as YMap).items.find((p) => String(p.key.value) === segs[i]);
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
