// Turns measurements into the results tables: both servers side by side (one column per
// scenario of ours), the ratios, and whether each target is met. Targets are ratios of
// medians (ours / yaml-language-server) or absolute limits; nothing here adjusts a measurement.
import { median, percentile, round } from './stats';
import type { SessionResult } from './lspBench';

/** A row of this server alone (engine, CLI, activation, package). */
export interface Row {
  metric: string;
  ours: number | string | undefined;
  unit: string;
  target?: string;
  met?: boolean;
}

interface Side {
  runs: number;
  figures: Figures;
  works: SessionResult['works'];
  errors: string[];
  /** Diagnostic codes of the first run's first full publish. */
  codes: Record<string, number>;
}

export interface SizeSummary {
  size: number;
  /** This server, by scenario (folder, folder+pack, ...). */
  ours: Record<string, Side>;
  /** yaml-language-server: it indexes no folder and has no pack, so one side for all scenarios. */
  peer: Side;
}

export interface Figures {
  initializeMs: number;
  quickDiagnosticsMs: number;
  fullDiagnosticsMs: number;
  editMs: number;
  editFullMs: number;
  completionValueP50: number;
  completionValueP95: number;
  completionKeyP50: number;
  completionKeyP95: number;
  hoverP95: number;
  symbolsMs: number;
  symbolCount: number;
  peakRssMb: number;
}

/** Medians over runs of each run's figure (percentiles taken within a run first). */
function figures(runs: SessionResult[]): Figures {
  const m = (f: (r: SessionResult) => number) => round(median(runs.map(f).filter(Number.isFinite)));
  return {
    initializeMs: m((r) => r.initializeMs),
    quickDiagnosticsMs: m((r) => r.quickDiagnosticsMs),
    fullDiagnosticsMs: m((r) => r.fullDiagnosticsMs),
    editMs: m((r) => median(r.editMs)),
    editFullMs: m((r) => median(r.editFullMs)),
    completionValueP50: m((r) => percentile(r.completionValueMs, 50)),
    completionValueP95: m((r) => percentile(r.completionValueMs, 95)),
    completionKeyP50: m((r) => percentile(r.completionKeyMs, 50)),
    completionKeyP95: m((r) => percentile(r.completionKeyMs, 95)),
    hoverP95: m((r) => percentile(r.hoverMs, 95)),
    symbolsMs: m((r) => median(r.symbolsMs)),
    symbolCount: m((r) => r.symbolCount || NaN),
    peakRssMb: m((r) => (r.peakRssKb ?? NaN) / 1024),
  };
}

export function side(runs: SessionResult[]): Side {
  return { runs: runs.length, figures: figures(runs), works: allWorked(runs), errors: runs.flatMap((r) => r.errors), codes: runs[0]?.codes ?? {} };
}

/** Every run's works-flags and-ed: a feature works when it worked in every run. */
function allWorked(runs: SessionResult[]): SessionResult['works'] {
  const keys = ['diagnostics', 'fullDiagnostics', 'edit', 'completionValue', 'completionKey', 'hover', 'symbols'] as const;
  const w = {} as SessionResult['works'];
  for (const k of keys) w[k] = runs.length > 0 && runs.every((r) => r.works[k]);
  return w;
}

/**
 * The language-server rows. The peer publishes once, after its fixed validation delay, with
 * everything it checks: both our quick and our full publish are compared with that one.
 */
const RATIO_TARGETS: { key: keyof Figures; peerKey?: keyof Figures; metric: string; unit: string; max?: number; noRatio?: boolean }[] = [
  { key: 'initializeMs', metric: 'start to initialize result', unit: 'ms' },
  { key: 'quickDiagnosticsMs', metric: 'didOpen to first diagnostics (syntax + schema)', unit: 'ms', max: 1 / 10 },
  { key: 'fullDiagnosticsMs', peerKey: 'quickDiagnosticsMs', metric: 'didOpen to full diagnostics (every domain check)', unit: 'ms', max: 1 / 5 },
  { key: 'editMs', metric: 'edit to its diagnostics (a schema error)', unit: 'ms', max: 1 / 20 },
  { key: 'editFullMs', peerKey: 'editMs', metric: 'edit to its full diagnostics (an undefined regime)', unit: 'ms' },
  { key: 'completionValueP50', metric: 'completion at a value p50', unit: 'ms' },
  { key: 'completionValueP95', metric: 'completion at a value p95', unit: 'ms', max: 1 / 50 },
  { key: 'completionKeyP50', metric: 'completion at a key p50', unit: 'ms' },
  { key: 'completionKeyP95', metric: 'completion at a key p95', unit: 'ms', max: 1 / 50 },
  { key: 'hoverP95', metric: 'hover on a key p95', unit: 'ms', max: 1 / 10 },
  { key: 'symbolCount', metric: 'outline symbols returned', unit: '', noRatio: true },
  { key: 'symbolsMs', metric: 'documentSymbol', unit: 'ms' },
  { key: 'peakRssMb', metric: 'peak memory (VmHWM)', unit: 'MB', max: 1 / 3 },
];

/** Targets apply at 5,000 rules; the other sizes are shown for the trend. */
export const TARGET_SIZE = 5000;

export interface LspRow {
  metric: string;
  size: number;
  unit: string;
  /** By scenario. */
  ours: Record<string, number | string>;
  peer: number | string;
  ratio: Record<string, number | undefined>;
  target?: string;
  /** Scenarios that missed the target (empty when met by all); undefined without a target. */
  missed?: string[];
}

export function lspRows(s: SizeSummary): LspRow[] {
  const scenarios = Object.keys(s.ours);
  const rows: LspRow[] = RATIO_TARGETS.map((t) => {
    const peer = s.peer.figures[t.peerKey ?? t.key];
    const ours: Record<string, number | string> = {};
    const ratio: Record<string, number | undefined> = {};
    for (const sc of scenarios) {
      const v = s.ours[sc].figures[t.key];
      ours[sc] = v;
      ratio[sc] = !t.noRatio && Number.isFinite(v) && Number.isFinite(peer) && peer > 0 ? round(v / peer, 4) : undefined;
    }
    const row: LspRow = { metric: t.metric, size: s.size, unit: t.unit, ours, peer, ratio };
    if (t.max !== undefined && s.size === TARGET_SIZE) {
      row.target = `<= 1/${Math.round(1 / t.max)}`;
      row.missed = scenarios.filter((sc) => !(ratio[sc] !== undefined && ratio[sc]! <= t.max!));
    }
    return row;
  });
  return rows;
}

/** The features that did not work in every run, by side. */
export function brokenFeatures(w: SessionResult['works']): string[] {
  return Object.entries(w)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
}

function cell(v: number | string | undefined): string {
  if (v === undefined) return '-';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 100 ? String(Math.round(v)) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function ratioCell(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '-';
  return r >= 1 ? `${r.toFixed(2)}x` : `1/${(1 / r).toFixed(r > 0.1 ? 1 : 0)}`;
}

const withUnit = (v: number | string | undefined, unit: string) => `${cell(v)}${typeof v === 'number' && Number.isFinite(v) && unit ? ` ${unit}` : ''}`;

/** A Markdown table (it reads well in a terminal too). */
export function table(rows: Row[]): string {
  const head = ['metric', 'export-rules', 'target', 'met'];
  const body = rows.map((r) => [r.metric, withUnit(r.ours, r.unit), r.target ?? '', r.met === undefined ? '' : r.met ? 'met' : 'MISSED']);
  return markdown(head, body);
}

/** The language servers side by side: one column and one ratio per scenario of ours. */
export function lspTable(rows: LspRow[], scenarios: string[]): string {
  const head = ['metric', 'rules', ...scenarios.map((s) => `export-rules, ${s}`), 'yaml-language-server', ...scenarios.map((s) => `ratio, ${s}`), 'target', 'met'];
  const body = rows.map((r) => [
    r.metric,
    r.size.toLocaleString('en-US'),
    ...scenarios.map((s) => withUnit(r.ours[s], r.unit)),
    withUnit(r.peer, r.unit),
    ...scenarios.map((s) => ratioCell(r.ratio[s])),
    r.target ?? '',
    r.missed === undefined ? '' : r.missed.length === 0 ? 'met' : `MISSED (${r.missed.join(', ')})`,
  ]);
  return markdown(head, body);
}

function markdown(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
