/**
 * Process-wide V8 settings for archive builds and the analysis of ingestions into PostgreSQL, chosen by the program's
 * entry points (the engine only calls the hook it is given: it does not read the process's flags or set V8's).
 */
import { setFlagsFromString } from 'node:v8';
import type { BuildTuning } from './engine/index.js';

/**
 * TurboFan's inlining budget while a parallel build runs: the bytecode size an optimised function may inline in all
 * (V8's default, 920, is set back after the build). Each thread of a build optimises the whole quotation reader for
 * itself, on V8's helper threads, which take the same two cores as the build: for one thread reading 30k articles'
 * quotations that compilation takes ~1.8 s of CPU with 300 instead of ~3.3 s, and the code runs no slower. Ingesting
 * 30k articles into PostgreSQL (two analysis threads), alternated three times: 57.6, 53.2, 70.0 s of the process's CPU
 * with the default, 53.3, 51.2, 60.8 s with 300.
 */
const BUILD_INLINING_BUDGET = 300;
const DEFAULT_INLINING_BUDGET = 920;
const INLINING_FLAG = '--max-inlined-bytecode-size-cumulative';

/**
 * The inlining budget lowered for the length of each parallel build or ingestion analysis (V8's default set back
 * after: one at a time, as each program runs them); none when the user set the budget themselves (on the command
 * line or in NODE_OPTIONS), which is then left alone.
 */
export function v8BuildTuning(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): BuildTuning | undefined {
  if ([...execArgv, nodeOptions].join(' ').includes(INLINING_FLAG)) return undefined;
  return {
    async during(build) {
      setFlagsFromString(`${INLINING_FLAG}=${BUILD_INLINING_BUDGET}`);
      try {
        return await build();
      } finally {
        setFlagsFromString(`${INLINING_FLAG}=${DEFAULT_INLINING_BUDGET}`);
      }
    },
  };
}
