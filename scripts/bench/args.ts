/** The benchmark's command-line flags, parsed without side effects. */

/** What `npm run bench -- …` asks for. */
export interface BenchArgs {
  /** Corpus sizes, ascending. Default 10k, 30k, 100k, 300k; `--quick` is 10k only. */
  sizes: number[];
  /** Per child process time limit in seconds; default depends on the size (see `childTimeoutMs`). */
  timeoutS: number | null;
  /** Heap limit of each child, MB. Default 12288. */
  heapMb: number;
  /** Time spent timing one kind of query before stopping early, seconds. Default 120. */
  latencyBudgetS: number;
  /** Time for the whole run, minutes: a child gets at most what is left, and none starts with under 30 s left. Default 45 (the four sizes take ~22 min on 2 cores). */
  budgetMin: number;
  /** Folder for results. Default `bench`. */
  outDir: string;
  /** Only re-write results.md and chart.svg from the folder's results.json (with `--backend postgres`: postgres.md and postgres.svg from postgres.json). */
  renderOnly: boolean;
  /** `postgres`: measure the PostgreSQL engine instead (scripts/bench/postgres.ts), written to postgres.json and postgres.md. */
  backend: 'embedded' | 'postgres';
  /** `--backend postgres` only: keep the server's data in this folder, so each size ingests only the articles it adds to the previous one and a later run at the same size asks again without ingesting. */
  pgData: string | null;
}

export const DEFAULT_SIZES = [10_000, 30_000, 100_000, 300_000];

/** `10000,30k,1e5` → `[10000, 30000, 100000]`. */
export function parseSizes(value: string): number[] {
  const sizes = value.split(',').map((part) => {
    const trimmed = part.trim().toLowerCase();
    const n = trimmed.endsWith('k') ? Number(trimmed.slice(0, -1)) * 1000 : Number(trimmed);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes: "${part}" is not a positive whole number of articles`);
    return n;
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** Parses `process.argv.slice(2)`; throws with a message naming the bad flag. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { sizes: DEFAULT_SIZES, timeoutS: null, heapMb: 12_288, latencyBudgetS: 120, budgetMin: 45, outDir: 'bench', renderOnly: false, backend: 'embedded', pgData: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!(n > 0)) throw new Error(`${name}: "${v}" is not a positive number`);
      return n;
    };
    if (name === '--render-only') args.renderOnly = true;
    else if (name === '--quick') args.sizes = [10_000];
    else if (name === '--sizes') args.sizes = parseSizes(value());
    else if (name === '--timeout') args.timeoutS = positive(value());
    else if (name === '--heap') args.heapMb = positive(value());
    else if (name === '--latency-budget') args.latencyBudgetS = positive(value());
    else if (name === '--budget') args.budgetMin = positive(value());
    else if (name === '--out') args.outDir = value();
    else if (name === '--pg-data') args.pgData = value();
    else if (name === '--backend') {
      const backend = value();
      if (backend !== 'embedded' && backend !== 'postgres') throw new Error(`--backend: "${backend}" is not embedded or postgres`);
      args.backend = backend;
    }
    else throw new Error(`unknown flag ${flag} (known: --quick, --sizes, --timeout, --heap, --latency-budget, --budget, --out, --backend, --pg-data, --render-only)`);
  }
  return args;
}

/** A child's time limit: the flag when given, else five minutes plus 3 ms per article (20 min at 300k). */
export function childTimeoutMs(args: Pick<BenchArgs, 'timeoutS'>, size: number): number {
  return args.timeoutS !== null ? args.timeoutS * 1000 : 300_000 + 3 * size;
}
