// Small statistics for the benchmarks: medians and percentiles (nearest rank), and a timed
// series that stops early when a slow server would take too long.

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs `fn` up to `max` times (at least `min`), stopping once `budgetMs` has passed;
 * returns each call's duration in ms.
 */
export async function series<T>(fn: () => Promise<T>, opts: { min: number; max: number; budgetMs: number }, check?: (r: T) => void): Promise<number[]> {
  const out: number[] = [];
  const start = performance.now();
  while (out.length < opts.max && (out.length < opts.min || performance.now() - start < opts.budgetMs)) {
    const t = performance.now();
    const r = await fn();
    out.push(performance.now() - t);
    check?.(r);
  }
  return out;
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
