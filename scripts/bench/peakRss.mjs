/**
 * The benchmark's peak memory figure, in plain JavaScript so that the cold start (plain Node on
 * the compiled build) reads it as the TypeScript children do.
 */
import { existsSync, readFileSync } from 'node:fs';

/** This process's memory figures on Linux. */
const STATUS = '/proc/self/status';

/**
 * Peak resident set size of this program so far, in MB: Linux's `VmHWM`, which starts again at
 * `exec`. Not `process.resourceUsage().maxRSS`: Linux carries it over `exec`, so a child spawned by
 * a process holding 300 MB reports at least 300 MB (its fork's copy of the parent) whatever it
 * uses itself. `maxRSS` only where /proc is not there.
 * @returns {number}
 */
export function peakRssMb() {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(existsSync(STATUS) ? readFileSync(STATUS, 'utf8') : '');
  return Math.round(Number(hwm?.[1] ?? process.resourceUsage().maxRSS) / 1024);
}
