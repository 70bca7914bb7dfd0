// Markdown explanations of EAR codes and workspace names, shared by hover (in full) and by
// completion (the same text as an item's documentation). Catalog text and user text are
// escaped: they are data, not markdown.
import { itemControls } from '../engine/controls';
import { evaluatorFor } from '../engine/exceptions';
import { paragraphProblem } from '../engine/paragraphs';
import type { Catalog, CountryGroup, Destination, Eccn } from '../catalog/types';
import type { Product, Regime, Rule } from '../model/types';

/** Escapes the characters markdown would act on. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

/** The data line every catalog explanation ends with. */
function asOfLine(catalog: Catalog): string {
  return `_Data: ${catalog.data.dataAsOf} — reference only, not legal advice._`;
}

function join(parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => !!p).join('\n\n');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

function list(codes: readonly string[]): string {
  return codes.length ? codes.map((c) => `\`${c}\``).join(', ') : 'none';
}

export interface LicenceException {
  code: string;
  /** "15 CFR 740.3 Shipments of limited value (LVS)". */
  about: string;
  /** Decided from the data for each license-required answer (LVS, GBS, TSR, SPP); the others a person confirms. */
  decided: boolean;
  note?: string;
  /** How many ECCN entries name it. */
  eccns: number;
  /** Embargo programmes that list it. */
  embargoes: string[];
}

const exceptionCache = new WeakMap<Catalog, LicenceException[]>();

/** The licence exceptions of part 740 (the evaluation's catalog), most named first. */
export function licenceExceptions(catalog: Catalog): LicenceException[] {
  const cached = exceptionCache.get(catalog);
  if (cached) return cached;
  const eccns = new Map<string, number>();
  const embargoes = new Map<string, string[]>();
  for (const eccn of catalog.data.eccns) for (const k of Object.keys(eccn.licenseExceptions)) for (const code of k.split('/')) eccns.set(code.trim(), (eccns.get(code.trim()) ?? 0) + 1);
  for (const p of catalog.data.embargoes) {
    for (const text of p.licenseExceptions) {
      const m = /^([A-Z]{3})\b/.exec(text);
      if (!m) continue;
      const list = embargoes.get(m[1]) ?? [];
      if (!list.includes(p.name)) list.push(p.name);
      embargoes.set(m[1], list);
    }
  }
  const out = evaluatorFor(catalog)
    .symbols()
    .map((s): LicenceException => ({
      code: s.symbol,
      about: `15 CFR ${s.section} ${s.title}`,
      decided: s.decided,
      ...(s.note ? { note: s.note } : {}),
      eccns: eccns.get(s.symbol) ?? 0,
      embargoes: embargoes.get(s.symbol) ?? [],
    }))
    .sort((a, b) => b.eccns + b.embargoes.length - (a.eccns + a.embargoes.length) || a.code.localeCompare(b.code));
  exceptionCache.set(catalog, out);
  return out;
}

export function exceptionMarkdown(e: LicenceException, catalog: Catalog): string {
  return join([
    `**License Exception ${e.code}** — ${md(e.about)}`,
    e.eccns ? `Named in ${e.eccns} ECCN entr${e.eccns === 1 ? 'y' : 'ies'} of the catalog.` : undefined,
    e.embargoes.length ? `Listed by the embargo programmes: ${e.embargoes.map(md).join(', ')}.` : undefined,
    e.decided
      ? 'Evaluated for every license-required answer and decided from the data: the ECCN entry\'s line, the destination, the shipment value, 740.2 and part 746.'
      : 'Evaluated for every license-required answer, and shown with its conditions for a person to confirm (or not available, when the data rules it out).',
    e.note ? md(e.note) : undefined,
    asOfLine(catalog),
  ]);
}

/** The entry's licence-exception lines, verbatim, with the LVS limits and how a line was read. */
function exceptionLines(e: Eccn, catalog: Catalog, brief: boolean): string | undefined {
  const lines = evaluatorFor(catalog).lines(e.code);
  const shown = lines.length ? lines : Object.entries(e.licenseExceptions).map(([symbol, text]) => ({ symbol, text, reading: undefined, limits: undefined }));
  if (shown.length === 0) return undefined;
  const rows = shown.map((l) => {
    const text = `- \`${l.symbol}\`: ${md(brief ? clip(l.text, 60) : l.text)}`;
    if (brief) return text;
    const extra = [l.limits && `limit: ${md(l.limits)}`, l.reading && `read as: ${md(l.reading)}`].filter(Boolean);
    return extra.length ? `${text}  \n  _${extra.join('; ')}_` : text;
  });
  return `**Licence exceptions:**\n${rows.join('\n')}`;
}

/**
 * An ECCN entry; `asked` is the code as written when it is a sub-paragraph of it. `brief` (for
 * completion lists, sent 60 at a time) leaves out paragraph-level text and notes.
 */
export function eccnMarkdown(e: Eccn, catalog: Catalog, asked?: string, brief = false): string {
  const partial = e.columns.filter((c) => !e.entireEntryColumns.includes(c));
  const count = e.code === 'EAR99' ? undefined : catalog.chartLicenceCount(e.code);
  const paragraph = asked && asked.toUpperCase() !== e.code ? asked : undefined;
  const rows = e.controls.filter((c) => c.paragraphs || c.except || c.conditional || c.requirement);
  return join([
    `**${e.code}** — ${md(e.title)}`,
    paragraph ? paragraphLine(e, paragraph, catalog) : undefined,
    e.heading && e.heading !== e.title ? md(e.heading) : undefined,
    e.reasons.length ? `**Reasons for control:** ${e.reasons.map((r) => `\`${r}\`${catalog.reason(r) ? ` ${md(catalog.reason(r)!.name)}` : ''}`).join(', ')}` : undefined,
    e.code === 'EAR99'
      ? undefined
      : `**Country Chart, entire entry:** ${list(e.entireEntryColumns)}${partial.length ? `  \n**Only some paragraphs, or on conditions:** ${list(partial)}` : ''}`,
    rows.length && !brief ? rows.map((c) => `- ${md(c.text)} → ${c.columns.length ? c.columns.join(', ') : md(c.requirement ?? '')}${scopeNote(c)}`).join('\n') : undefined,
    exceptionLines(e, catalog, brief),
    count !== undefined ? `A licence is needed to ${count} destination${count === 1 ? '' : 's'} by the Country Chart (entire-entry columns; embargoes and part 744 not counted).` : undefined,
    e.specialLicenseRequirement && !brief ? `**Special licence requirement:** ${md(e.specialLicenseRequirement)}` : undefined,
    e.staRestriction && !brief && !evaluatorFor(catalog).lines(e.code).some((l) => l.symbol === 'STA') ? `**STA:** ${md(e.staRestriction)}` : undefined,
    e.flags.length ? `**Flags:** ${e.flags.map(md).join(', ')}` : undefined,
    ...(brief ? [] : e.notes.map(md)),
    asOfLine(catalog),
  ]);
}

/** "`3A001.b.2` is a paragraph of 3A001: controlled for NS1, NS2, RS1, AT1 (NS1 and RS1 on a condition)." */
function paragraphLine(e: Eccn, paragraph: string, catalog: Catalog): string {
  const problem = paragraphProblem(e, paragraph);
  if (problem) return `\`${md(paragraph)}\`: ${md(problem.message)}.`;
  const controls = itemControls(e, paragraph, catalog);
  const columns = [...controls.entries()].filter(([k]) => /\d$/.test(k));
  const named = e.paragraphs.some((p) => p.toUpperCase() === paragraph.toUpperCase() || p.toUpperCase().startsWith(`${paragraph.toUpperCase()}.`) || paragraph.toUpperCase().startsWith(`${p.toUpperCase()}.`));
  const conditional = columns.filter(([, c]) => !c.full).map(([k]) => k);
  return [
    `\`${md(paragraph)}\` is a paragraph of ${e.code}: Country Chart ${columns.length ? columns.map(([k]) => k).join(', ') : 'none'}`,
    conditional.length ? ` (${conditional.join(', ')} in part or on a condition)` : '',
    named ? '.' : `. The reference data does not name it: only the controls of the whole entry apply to it.`,
  ].join('');
}

/** " (3A001.b.2, 3A001.b.3 only; on a condition)" for a row. */
function scopeNote(c: Eccn['controls'][number]): string {
  const parts: string[] = [];
  if (c.paragraphs) parts.push(`${c.paragraphs.join(', ')} only`);
  if (c.except) parts.push(`not ${c.except.join(', ')}`);
  if (c.conditional) parts.push('on a condition in the text');
  return parts.length ? ` (${md(parts.join('; '))})` : '';
}

/** An ECCN pattern with a trailing `*`: what it covers. */
export function eccnPatternMarkdown(pattern: string, catalog: Catalog): string {
  const prefix = pattern.replace(/\*$/, '').toUpperCase();
  const covered = catalog.data.eccns.filter((e) => e.code.startsWith(prefix));
  const cat = prefix.length >= 1 ? catalog.category(prefix[0]) : undefined;
  const group = prefix.length >= 2 ? catalog.productGroup(prefix[1]) : undefined;
  return join([
    `**${md(pattern)}** — every ECCN starting with \`${md(prefix)}\``,
    cat ? `Category ${cat.code}: ${md(cat.title)}${group ? `; product group ${group.code}: ${md(group.title)}` : ''}` : undefined,
    `${covered.length} entr${covered.length === 1 ? 'y' : 'ies'} in the catalog${covered.length ? `: ${covered.slice(0, 12).map((e) => e.code).join(', ')}${covered.length > 12 ? ' …' : ''}` : ''}.`,
    asOfLine(catalog),
  ]);
}

export function destinationMarkdown(d: Destination, catalog: Catalog): string {
  const parent = d.parent ? catalog.destination(d.parent) : undefined;
  const names = [d.officialName && d.officialName !== d.name ? `ISO: ${md(d.officialName)}` : undefined, d.bisName && d.bisName !== d.name ? `BIS: ${md(d.bisName)}` : undefined].filter(Boolean);
  const groups = d.countryGroups.map((g) => `\`${g}\`${catalog.countryGroup(g) ? ` ${md(catalog.countryGroup(g)!.title)}` : ''}`);
  return join([
    `**${d.code}** — ${md(d.name)}${names.length ? ` (${names.join('; ')})` : ''}`,
    parent ? `A region of ${md(parent.name)} (\`${parent.code}\`): its country's groups and chart row apply, and \`country: ${parent.code}\` covers it.` : undefined,
    `**Country Groups:** ${groups.length ? groups.join(', ') : 'none'}`,
    d.seeInstead
      ? `**Country Chart:** ${md(d.seeInstead)}`
      : `**Country Chart, X in:** ${list(d.chartColumns)}${d.onChart || d.parent ? '' : ' (not on the chart)'}`,
    ...d.embargoes.map((id) => {
      const p = catalog.embargo(id);
      return p ? `**Embargo:** ${md(p.name)} (${md(p.citation)})${p.kind ? ` — ${md(p.kind)}` : ''}` : `**Embargo:** ${md(id)}`;
    }),
    ...d.chartFootnotes.map((f) => `_${md(f)}_`),
    ...(d.notes ?? []).map(md),
    asOfLine(catalog),
  ]);
}

export function countryGroupMarkdown(g: CountryGroup, catalog: Catalog): string {
  const members = g.members.map((c) => `\`${c}\` ${md(catalog.destination(c)?.name ?? '')}`.trim());
  return join([
    `**Country Group ${g.code}** — ${md(g.title)} (supplement no. 1 to 15 CFR part 740)`,
    `**${g.members.length} member${g.members.length === 1 ? '' : 's'}:** ${members.join(', ') || 'none'}`,
    ...g.notes.map(md),
    'Quote the code in YAML: `"' + g.code + '"`.',
    asOfLine(catalog),
  ]);
}

export function chartColumnMarkdown(code: string, catalog: Catalog): string | undefined {
  const c = catalog.chartColumn(code);
  if (!c) return undefined;
  const reason = catalog.reason(c.reason);
  return join([
    `**Country Chart column ${c.code}**${reason ? ` — ${md(reason.name)}` : ''}`,
    md(c.meaning),
    `Basis: ${md(c.basis)}. ${c.countriesMarked} destination${c.countriesMarked === 1 ? ' has' : 's have'} an X in this column.`,
    asOfLine(catalog),
  ]);
}

export function reasonMarkdown(code: string, catalog: Catalog): string | undefined {
  const r = catalog.reason(code);
  if (!r) return undefined;
  return join([`**${r.code}** — ${md(r.name)} (reason for control)`, `Basis: ${md(r.basis)}`, `Country Chart columns: ${list(r.columns)}`, r.notes ? md(r.notes) : undefined, asOfLine(catalog)]);
}

export function categoryMarkdown(code: string, catalog: Catalog): string | undefined {
  const c = catalog.category(code);
  if (!c) return undefined;
  return join([`**CCL Category ${c.code}** — ${md(c.title)}`, c.heading && c.heading !== c.title ? md(c.heading) : undefined, `${c.eccnCount} ECCN entries (15 CFR 738.2(a)).`, asOfLine(catalog)]);
}

export function productGroupMarkdown(code: string, catalog: Catalog): string | undefined {
  const g = catalog.productGroup(code);
  if (!g) return undefined;
  return join([`**Product group ${g.code}** — ${md(g.title)}`, `${g.eccnCount} ECCN entries (15 CFR 738.2(b)).`, asOfLine(catalog)]);
}

/** A user regime, with its resolved members when the engine can tell them. */
export function regimeMarkdown(defs: readonly Regime[], members: ReadonlySet<string> | undefined, catalog: Catalog): string {
  const r = defs[0];
  const where = defs.map((d) => `\`${md(d.ruleset)}\``).join(', ');
  const memberList = members ? [...members].sort().map((c) => `\`${c}\` ${md(catalog.destination(c)?.name ?? '')}`.trim()) : undefined;
  return join([
    `**Regime ${md(r.id)}**${r.title ? ` — ${md(r.title)}` : ''}`,
    r.description ? md(r.description) : undefined,
    `Defined in ${where}${defs.length > 1 ? ' (more than once: ids must be unique)' : ''}.`,
    memberList
      ? `**${memberList.length} member${memberList.length === 1 ? '' : 's'}:** ${memberList.join(', ') || 'none'}`
      : `**Countries:** ${list(r.countries)}${r.include.length ? `; plus ${r.include.length} include selector${r.include.length === 1 ? '' : 's'}` : ''}${r.exclude.length ? `; less ${r.exclude.length} exclude selector${r.exclude.length === 1 ? '' : 's'}` : ''}`,
    memberList ? asOfLine(catalog) : undefined,
  ]);
}

export function productMarkdown(p: Product, catalog: Catalog): string {
  const e = p.eccn ? catalog.eccnOf(p.eccn) : undefined;
  return join([
    `**Product ${md(p.sku)}**${p.name ? ` — ${md(p.name)}` : ''}`,
    [
      `- ECCN: ${p.eccn ? `\`${md(p.eccn)}\`${e ? ` ${md(e.title)}` : ''}` : 'none (EAR99)'}`,
      p.hs ? `- HS code: \`${md(p.hs)}\`` : undefined,
      `- Origin: ${p.origin ?? 'us'}`,
      p.directProductOf?.length ? `- Direct product of: ${list(p.directProductOf)}` : undefined,
      `- Defined in \`${md(p.ruleset)}\``,
    ]
      .filter(Boolean)
      .join('\n'),
    e ? asOfLine(catalog) : undefined,
  ]);
}

export function ruleMarkdown(r: Rule): string {
  return join([
    `**Rule ${md(r.id)}**${r.title ? ` — ${md(r.title)}` : ''}`,
    `Decision: \`${r.decision}\`${r.citation ? ` · ${md(r.citation)}` : ''}${r.review ? ` · review: ${md(r.review)}` : ''}`,
    `Ruleset \`${md(r.ruleset)}\``,
  ]);
}
