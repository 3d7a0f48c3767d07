/** Runs one benchmark child process with a time limit and gathers what it reports. */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.js';

/** What a child reported, and why it stopped when it did not finish. */
export interface ChildOutcome {
  figures: Record<string, unknown>;
  notes: string[];
  /** `null` when the child finished; otherwise the reason, e.g. `timed out after 600 s`. */
  unfinished: string | null;
  wallMs: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const COLD_START = fileURLToPath(new URL('./coldStart.mjs', import.meta.url));

/**
 * Forks `child.ts <mode> …args` under Node with tsx (which measures the compiled engine: see
 * `compiled.ts`), a heap limit and a timeout; mode `cold` runs `coldStart.mjs` under plain Node
 * instead, as production starts.
 */
export function runChild(mode: string, args: readonly string[], options: { timeoutMs: number; heapMb: number; env?: NodeJS.ProcessEnv }): Promise<ChildOutcome> {
  const started = performance.now();
  const outcome: ChildOutcome = { figures: {}, notes: [], unfinished: null, wallMs: 0 };
  return new Promise((resolve) => {
    const cold = mode === 'cold';
    const child = fork(cold ? COLD_START : CHILD, cold ? args : [mode, ...args], {
      execArgv: [...(cold ? [] : ['--import', 'tsx']), `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env: options.env ?? process.env,
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    // The machine's 1-minute load average while the child runs: timings are only comparable at similar load.
    const loads: number[] = [loadavg()[0]!];
    const sampler = setInterval(() => loads.push(loadavg()[0]!), 5000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (message: ChildMessage) => {
      if ('figures' in message) Object.assign(outcome.figures, message.figures);
      else outcome.notes.push(message.note);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      outcome.figures.loadAvg = Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 10) / 10;
      outcome.wallMs = Math.round(performance.now() - started);
      const failed = outcome.notes.find((n) => n.startsWith('failed: '));
      if (timedOut) outcome.unfinished = `timed out after ${Math.round(options.timeoutMs / 1000)} s`;
      else if (/heap out of memory|Reached heap limit/i.test(stderrTail)) outcome.unfinished = `out of memory (heap limit ${options.heapMb} MB)`;
      else if (failed) outcome.unfinished = failed.slice('failed: '.length);
      else if (code !== 0) outcome.unfinished = `exited with ${signal ?? `code ${code}`}`;
      resolve(outcome);
    });
  });
}
