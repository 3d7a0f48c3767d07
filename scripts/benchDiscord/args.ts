/** The flags of `npm run bench:discord`, parsed without side effects. */

/** What a run asks for. */
export interface Args {
  quick: boolean;
  count: number;
  concurrency: number;
  maxConcurrent?: number;
  timeoutMs: number;
  readyTimeoutMs: number;
}

/** Parses `process.argv.slice(2)`; throws naming a bad flag. */
export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, count: 0, concurrency: 50, timeoutMs: 60_000, readyTimeoutMs: 30 * 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const number = () => {
      const n = Number(argv[++i]);
      if (!(n > 0)) throw new Error(`${flag} needs a positive number`);
      return n;
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--count') args.count = number();
    else if (flag === '--concurrency') args.concurrency = number();
    else if (flag === '--max-concurrent') args.maxConcurrent = number();
    else if (flag === '--timeout-s') args.timeoutMs = number() * 1000;
    else if (flag === '--ready-timeout-min') args.readyTimeoutMs = number() * 60_000;
    else throw new Error(`unknown flag ${flag} (see the comment at the top of scripts/benchDiscord.ts)`);
  }
  args.count ||= args.quick ? 200 : 1000;
  return args;
}
