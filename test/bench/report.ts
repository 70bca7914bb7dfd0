// Turns measurements into the results table: both servers side by side, the ratio, and
// whether each target is met. Targets are ratios of medians (ours / yaml-language-server)
// or absolute limits; nothing here adjusts a measurement.
import { median, percentile, round } from './stats';
import type { SessionResult } from './lspBench';

export interface Row {
  metric: string;
  size?: number;
  ours: number | string | undefined;
  peer?: number | string | undefined;
  unit: string;
  /** ours / peer, when both are numbers. */
  ratio?: number;
  target?: string;
  met?: boolean;
}

export interface SizeSummary {
  size: number;
  runs: { ours: number; peer: number };
  ours: Figures;
  peer: Figures;
  works: { ours: SessionResult['works']; peer: SessionResult['works'] };
  errors: { ours: string[]; peer: string[] };
  /** Diagnostic codes of the first run's first diagnostics. */
  codes: { ours: Record<string, number>; peer: Record<string, number> };
}

export interface Figures {
  initializeMs: number;
  firstDiagnosticsMs: number;
  editMs: number;
  completionValueP50: number;
  completionValueP95: number;
  completionKeyP50: number;
  completionKeyP95: number;
  hoverP95: number;
  symbolsMs: number;
  peakRssMb: number;
}

/** Medians over runs of each run's figure (percentiles taken within a run first). */
export function figures(runs: SessionResult[]): Figures {
  const m = (f: (r: SessionResult) => number) => round(median(runs.map(f).filter(Number.isFinite)));
  return {
    initializeMs: m((r) => r.initializeMs),
    firstDiagnosticsMs: m((r) => r.firstDiagnosticsMs),
    editMs: m((r) => median(r.editMs)),
    completionValueP50: m((r) => percentile(r.completionValueMs, 50)),
    completionValueP95: m((r) => percentile(r.completionValueMs, 95)),
    completionKeyP50: m((r) => percentile(r.completionKeyMs, 50)),
    completionKeyP95: m((r) => percentile(r.completionKeyMs, 95)),
    hoverP95: m((r) => percentile(r.hoverMs, 95)),
    symbolsMs: m((r) => median(r.symbolsMs)),
    peakRssMb: m((r) => (r.peakRssKb ?? NaN) / 1024),
  };
}

/** Every run's works-flags and-ed: a feature works when it worked in every run. */
export function allWorked(runs: SessionResult[]): SessionResult['works'] {
  const keys = ['diagnostics', 'edit', 'completionValue', 'completionKey', 'hover', 'symbols'] as const;
  const w = {} as SessionResult['works'];
  for (const k of keys) w[k] = runs.length > 0 && runs.every((r) => r.works[k]);
  return w;
}

const RATIO_TARGETS: { key: keyof Figures; metric: string; unit: string; max?: number }[] = [
  { key: 'initializeMs', metric: 'start to initialize result', unit: 'ms' },
  { key: 'firstDiagnosticsMs', metric: 'didOpen to first diagnostics', unit: 'ms', max: 1 / 5 },
  { key: 'editMs', metric: 'edit to its diagnostics', unit: 'ms', max: 1 / 20 },
  { key: 'completionValueP50', metric: 'completion at a value p50', unit: 'ms' },
  { key: 'completionValueP95', metric: 'completion at a value p95', unit: 'ms', max: 1 / 50 },
  { key: 'completionKeyP50', metric: 'completion at a key p50', unit: 'ms' },
  { key: 'completionKeyP95', metric: 'completion at a key p95', unit: 'ms', max: 1 / 50 },
  { key: 'hoverP95', metric: 'hover on a key p95', unit: 'ms', max: 1 / 10 },
  { key: 'symbolsMs', metric: 'documentSymbol', unit: 'ms' },
  { key: 'peakRssMb', metric: 'peak memory (VmHWM)', unit: 'MB', max: 1 / 3 },
];

/** Targets apply at 5,000 rules; the other sizes are shown for the trend. */
export const TARGET_SIZE = 5000;

export function lspRows(s: SizeSummary): Row[] {
  return RATIO_TARGETS.map((t) => {
    const ours = s.ours[t.key];
    const peer = s.peer[t.key];
    const ratio = Number.isFinite(ours) && Number.isFinite(peer) && peer > 0 ? ours / peer : undefined;
    const row: Row = { metric: t.metric, size: s.size, ours, peer, unit: t.unit, ratio: ratio === undefined ? undefined : round(ratio, 4) };
    if (t.max !== undefined && s.size === TARGET_SIZE) {
      row.target = `<= 1/${Math.round(1 / t.max)}`;
      row.met = ratio !== undefined && ratio <= t.max;
    }
    return row;
  });
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

/** A Markdown table (it reads well in a terminal too). */
export function table(rows: Row[]): string {
  const head = ['metric', 'rules', 'export-rules', 'yaml-language-server', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.metric,
    r.size === undefined ? '' : r.size.toLocaleString('en-US'),
    `${cell(r.ours)}${typeof r.ours === 'number' ? ` ${r.unit}` : ''}`,
    r.peer === undefined ? '' : `${cell(r.peer)}${typeof r.peer === 'number' ? ` ${r.unit}` : ''}`,
    ratioCell(r.ratio),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
