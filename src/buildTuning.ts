/**
 * Process-wide V8 settings for archive builds and the analysis of ingestions into PostgreSQL, chosen by the program's
 * entry points (the engine only calls the hook it is given: it does not read the process's flags or set V8's).
 */
import { setFlagsFromString } from 'node:v8';
import type { BuildTuning } from './engine/index.js';

/** A V8 flag set for the length of a build: its value then, and V8's default, set back after. */
interface TunedFlag {
  flag: string;
  build: number;
  default: number;
}

/**
 * Each thread of a build or of an ingestion's analysis optimises the code it runs (the quotation reader, the
 * analyser) for itself, on V8's helper threads, which take the same two cores as the build; so the build compiles less:
 * - TurboFan's inlining budget (the bytecode size an optimised function may inline in all): for one thread reading
 *   30k articles' quotations, compilation took ~1.8 s of CPU with 300 instead of ~3.3 s with V8's 920, and the code
 *   ran no slower. Ingesting 30k articles into PostgreSQL, when each of two threads analysed whole batches, alternated
 *   three times: 57.6, 53.2, 70.0 s of the process's CPU with the default, 53.3, 51.2, 60.8 s with 300.
 * - The interrupt budget (the bytecode a function runs between checks of whether to optimise it): eight times V8's,
 *   only functions that stay hot are optimised, and one deoptimised is optimised again later. Analysing 15k
 *   articles on one thread, TurboFan took 3.8-4.1 s of CPU with V8's budget, 1.7-1.9 s with eight times it, the
 *   analysis no slower (0.75-0.80 against 0.78 ms an article); ingesting 30k articles, alternated six times:
 *   1031, 949, 1129, 1160, 1094, 1079 articles/s with V8's budget, 1036, 1132, 1174, 1192, 1117, 1015 with eight times it.
 * Both were measured on V8 11 (Node 20), whose defaults are those set back after a build.
 */
const TUNED_FLAGS: readonly TunedFlag[] = [
  { flag: '--max-inlined-bytecode-size-cumulative', build: 300, default: 920 },
  { flag: '--interrupt-budget', build: 8 * 67_584, default: 67_584 },
];
/** The V8 major version the flags were measured on: another may lack them or give them other defaults. */
const TUNED_V8 = 11;

/**
 * V8's flags tuned for the length of each parallel build or ingestion analysis (V8's defaults set back after: one at
 * a time, as each program runs them), `setFlags` setting them. A flag the user gave on the command line (V8 reads
 * `_` as `-`; Node refuses both flags in NODE_OPTIONS) is left alone; there is no tuning when they gave both, or on
 * another V8 than the one measured.
 */
export function v8BuildTuning(
  execArgv: readonly string[] = process.execArgv,
  v8Version = process.versions.v8,
  setFlags: (flags: string) => void = setFlagsFromString,
): BuildTuning | undefined {
  if (Number.parseInt(v8Version, 10) !== TUNED_V8) return undefined;
  const given = new Set(execArgv.map((option) => option.split('=')[0]!.replaceAll('_', '-')));
  const tuned = TUNED_FLAGS.filter(({ flag }) => !given.has(flag));
  if (!tuned.length) return undefined;
  return {
    async during(build) {
      for (const { flag, build: value } of tuned) setFlags(`${flag}=${value}`);
      try {
        return await build();
      } finally {
        for (const { flag, default: value } of tuned) setFlags(`${flag}=${value}`);
      }
    },
  };
}
