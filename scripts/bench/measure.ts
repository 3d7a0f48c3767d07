/** Timing helpers for the benchmark: percentiles, latency summaries, peak memory. */

/** Latency figures over a set of timed calls, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method: the smallest value with at
 * least p % of the values at or below it. `NaN` for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new Error(`percentile: p must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** p50, p99, mean and max of a list of durations, rounded to 0.01 ms. */
export function summarize(durations: readonly number[]): LatencySummary {
  const round = (x: number) => Math.round(x * 100) / 100;
  const total = durations.reduce((sum, d) => sum + d, 0);
  return {
    count: durations.length,
    p50: round(percentile(durations, 50)),
    p99: round(percentile(durations, 99)),
    mean: round(durations.length ? total / durations.length : Number.NaN),
    max: round(durations.length ? Math.max(...durations) : Number.NaN),
  };
}

/** Runs `fn` and returns its value with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** As `timed`, for an async function. */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * Times `fn` once per input, after `warmup` untimed calls on the first inputs, and stops early
 * (reporting what it has) once `budgetMs` of timed calls have been spent.
 */
export function latencies<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  options: { warmup?: number; budgetMs?: number } = {},
): { summary: LatencySummary; cpu: LatencySummary; truncated: boolean } {
  for (const input of inputs.slice(0, options.warmup ?? 10)) fn(input);
  const durations: number[] = [];
  const cpuTimes: number[] = [];
  let spent = 0;
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn(input);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    durations.push(ms);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    spent += ms;
    if (options.budgetMs !== undefined && spent > options.budgetMs) break;
  }
  return { summary: summarize(durations), cpu: summarize(cpuTimes), truncated: durations.length < inputs.length };
}

/** CPU time (user + system) of this process so far, in ms: less sensitive than wall time to other load on the machine. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

/** Peak resident set size of this program so far, in MB (see peakRss.mjs). */
export { peakRssMb } from './peakRss.mjs';

/** Current resident set size, in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
