/** Small statistics helpers for the benchmarks. */

export function timeIt(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

let peak = 0;
/** Peak resident set size seen so far, in MB (sampled at each call and by a timer). */
export function peakRss(): number {
  peak = Math.max(peak, process.memoryUsage.rss());
  return Math.round(peak / 2 ** 20);
}
setInterval(peakRss, 5).unref();
