// The `parties:` of a rule file and the party selectors of rules (`when: { parties: [...] }`),
// typed. Tolerant like the rest of the model: a party without an id or a name is left out; the
// schema diagnostics say why.
import type { Party, PartyClearance, PartyListName, PartyRole, PartySelector, SourceLocation, Span } from './types';
import { dateOrUndefined, forEachItem, toStrings } from './build';
import { getKey, toData, type YMap, type YNode } from './yamlTree';

const ROLES: readonly PartyRole[] = ['customer', 'consignee', 'intermediate-consignee', 'end-user', 'forwarder'];
const LISTS: readonly PartyListName[] = [
  'entity-list',
  'meu-list',
  'unverified-list',
  'denied-persons-list',
  'sdn',
  'ssi',
  'fse',
  'cmic',
  'ns-mbs',
  'plc',
  'capta',
  'itar-debarred',
  'nonproliferation',
  'any-list',
];

const str = (n: YNode | null | undefined): string | undefined => (n && n.kind === 'scalar' && n.value !== null && n.value !== '' ? String(n.value) : undefined);
const spanOf = (n: { start: number; end: number }): Span => ({ start: n.start, end: n.end });

export function buildParties(root: YMap, ruleset: string, loc: (start: number, end: number) => SourceLocation): Party[] {
  const out: Party[] = [];
  forEachItem(root, 'parties', (m, pointer) => {
    const idNode = getKey(m, 'id')?.value;
    const id = str(idNode);
    if (!id || !idNode) return;
    const nameNode = getKey(m, 'name')?.value;
    const alt = getKey(m, 'altNames')?.value;
    const altNodes = alt?.kind === 'seq' ? alt.items.filter((n): n is YNode => !!n && n.kind === 'scalar' && str(n) !== undefined) : [];
    const role = str(getKey(m, 'role')?.value);
    const clearances: PartyClearance[] = [];
    const cl = getKey(m, 'clearances')?.value;
    if (cl?.kind === 'seq') {
      cl.items.forEach((c, i) => {
        if (c?.kind !== 'map') return;
        const entry = str(getKey(c, 'entry')?.value);
        if (!entry) return;
        const opt = (k: string) => str(getKey(c, k)?.value);
        clearances.push({
          entry,
          ...(opt('list') ? { list: opt('list') } : {}),
          ...(opt('name') ? { name: opt('name') } : {}),
          ...(opt('reason') ? { reason: opt('reason') } : {}),
          ...(opt('by') ? { by: opt('by') } : {}),
          ...(dateOrUndefined(opt('date')) ? { date: opt('date') } : {}),
          ...(dateOrUndefined(opt('listVersion')) ? { listVersion: opt('listVersion') } : {}),
          ...(opt('entryHash') ? { entryHash: opt('entryHash') } : {}),
          pointer: `${pointer}/clearances/${i}`,
          span: spanOf(c),
        });
      });
    }
    out.push({
      ruleset,
      id,
      name: str(nameNode),
      altNames: altNodes.map((n) => String(str(n))),
      country: str(getKey(m, 'country')?.value),
      address: str(getKey(m, 'address')?.value),
      ...((ROLES as readonly string[]).includes(role ?? '') ? { role: role as PartyRole } : {}),
      clearances,
      pointer,
      location: loc(idNode.start, idNode.end),
      idSpan: spanOf(idNode),
      ...(nameNode && str(nameNode) ? { nameSpan: spanOf(nameNode) } : {}),
      altNameSpans: altNodes.map(spanOf),
      span: spanOf(m),
    });
  });
  return out;
}

/** Party selectors of a rule; one that cannot be read selects every party (a mistake errs towards a licence). */
export function partySelectors(node: YNode | null | undefined, pointer: string): PartySelector[] {
  if (node?.kind !== 'seq') return [];
  const out: PartySelector[] = [];
  node.items.forEach((n, i) => {
    if (n?.kind !== 'map') return;
    const d = toData(n) as Record<string, unknown>;
    const s: PartySelector = { pointer: `${pointer}/${i}` };
    if (d.id != null) s.id = toStrings(d.id);
    if (typeof d.list === 'string' && (LISTS as readonly string[]).includes(d.list)) s.list = d.list as PartyListName;
    if (typeof d.role === 'string' && (ROLES as readonly string[]).includes(d.role)) s.role = d.role as PartyRole;
    if (d.country != null) s.country = toStrings(d.country).map((c) => c.toUpperCase());
    out.push(s);
  });
  return out;
}
