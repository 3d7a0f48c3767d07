/**
 * `npm run bench -- --backend postgres`: scripts/bench/postgres.ts at each size, beside the
 * embedded engine's figures (bench/results.json) and PostgreSQL's `ts_rank`, written to
 * postgres.json, postgres.md and postgres.svg after every size, so a long run stopped at one size
 * keeps the sizes before it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LatencySummary } from './measure.js';
import { type BenchResults, type Series, chartSvg, count, enginePeakMb, fmtMs } from './report.js';

const RUN = fileURLToPath(new URL('./postgres.ts', import.meta.url));

/** What one size's run reports (see postgres.ts). */
export interface PostgresFigures {
  /** Articles in the database, and how many this run added (0: the database already held the size). */
  articles: number;
  added: number;
  passages: number;
  /** Absent when the run added nothing: the figures of the run that ingested are kept. */
  ingestS?: number;
  ingestRate?: number;
  databaseMb: number;
  /** /ask over the questions after the first `ASK_WARM_UP` (postgres.ts), asked once those have been. */
  ask: LatencySummary;
  /** /ask over the first questions after the server starts (absent in runs before it was measured apart). */
  askAfterStart?: LatencySummary;
  whosaid: LatencySummary;
  summary: LatencySummary;
  botRssMb: number;
  botPeakRssMb: number;
  tsRank: { indexMb: number; buildS: number; ask: LatencySummary };
}

/** The embedded engine at one size, from its own benchmark (bench/results.json). */
interface EmbeddedFigures {
  ask: LatencySummary;
  peakRssMb: number;
}

/** One size in postgres.json. */
export interface PostgresRow {
  size: number;
  date: string;
  commit: string;
  /** The 1-minute load average when the size's run ended: latencies are only comparable at similar load. */
  loadAvg: number;
  figures?: PostgresFigures;
  error?: string;
  embedded?: EmbeddedFigures;
}

/** How the runs go: where the results go, the data folder kept between runs, and the time left. */
export interface PostgresRunOptions {
  outDir: string;
  pgData: string | null;
  deadline: number;
  commit: string;
}

/** Runs each size in its own process, one after the other, within the deadline, writing the results after each. */
export async function benchPostgres(sizes: ReadonlyArray<{ size: number; corpusDir: string }>, questionsFile: string, options: PostgresRunOptions, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  const embedded = embeddedFigures(join(dir, 'results.json'));
  for (const { size, corpusDir } of sizes) {
    const left = options.deadline - performance.now();
    if (left < 60_000) {
      log(`${size} PostgreSQL: not run (the run's budget is spent; run again with the same --out${options.pgData ? ' and --pg-data' : ''} to go on)`);
      continue;
    }
    log(`${size} PostgreSQL…`);
    const row: PostgresRow = { size, date: new Date().toISOString(), commit: options.commit, loadAvg: 0, embedded: embedded.get(size) };
    try {
      const args = [RUN, 'run', corpusDir, questionsFile, ...(options.pgData ? [resolve(options.pgData)] : [])];
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], { env, maxBuffer: 1 << 20, timeout: Math.round(left) });
      const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as PostgresFigures;
      const before = readRows(dir).find((r) => r.size === size)?.figures;
      // Asked again of a database that already held the size: the ingestion figures are the earlier run's.
      if (!figures.added && before?.ingestRate) Object.assign(figures, { added: before.added, ingestS: before.ingestS, ingestRate: before.ingestRate });
      log(`${size} PostgreSQL: ${JSON.stringify(figures)}`);
      row.figures = figures;
    } catch (error) {
      log(`${size} PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}`);
      row.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
    row.loadAvg = Math.round(loadavg()[0]! * 10) / 10;
    // Read again: another run (another size, its own data folder) may have written meanwhile.
    const rows = new Map(readRows(dir).map((r) => [r.size, r]));
    rows.set(size, row);
    write(dir, [...rows.values()].sort((a, b) => a.size - b.size));
    log(`wrote ${join(options.outDir, 'postgres.json')}, postgres.md and postgres.svg`);
  }
}

/** The rows of the folder's postgres.json (none when there is none). */
function readRows(dir: string): PostgresRow[] {
  const file = join(dir, 'postgres.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rows: PostgresRow[] }).rows : [];
}

/** Writes postgres.md and postgres.svg again from the folder's postgres.json, with the embedded engine's figures of its results.json. */
export function renderPostgres(outDir: string): void {
  const dir = resolve(outDir);
  const embedded = embeddedFigures(join(dir, 'results.json'));
  write(dir, readRows(dir).map((r) => ({ ...r, embedded: embedded.get(r.size) })));
}

/** The embedded engine's /ask latency and peak RSS per size, from its benchmark's results when they are there. */
function embeddedFigures(resultsFile: string): Map<number, EmbeddedFigures> {
  if (!existsSync(resultsFile)) return new Map();
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
  return new Map(
    results.sizes.flatMap((result) => {
      const ask = result.engine.figures.ask as LatencySummary | undefined;
      const peak = enginePeakMb(result);
      return ask && peak ? [[result.size, { ask, peakRssMb: peak }] as const] : [];
    }),
  );
}

/** Writes postgres.json, postgres.md and postgres.svg. */
function write(dir: string, rows: PostgresRow[]): void {
  writeFileSync(join(dir, 'postgres.json'), `${JSON.stringify({ rows }, null, 2)}\n`);
  writeFileSync(join(dir, 'postgres.md'), renderPostgresTable(rows));
  writeFileSync(join(dir, 'postgres.svg'), renderPostgresChart(rows));
}

const p50p99 = (l: LatencySummary | undefined) => (l ? `${fmtMs(l.p50)} / ${fmtMs(l.p99)} ms` : '—');
const disk = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`);

/** The three engines at each size as a markdown table, with when and on what each size was measured. */
export function renderPostgresTable(rows: readonly PostgresRow[]): string {
  const head = ['articles', 'passages', 'ingest', 'database', '/ask p50 / p99', '/ask p50 / p99, first questions after start', '/whosaid p99', '/summary p99', 'bot RSS (peak)', 'embedded /ask p50 / p99', 'embedded peak RSS', 'ts_rank /ask p50 / p99', 'ts_rank index', 'measured'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const body = rows.map(({ size, figures: f, error, embedded: e, date, commit, loadAvg }) => {
    const when = `${date.slice(0, 10)}, ${commit}, load ${loadAvg}`;
    if (!f) return line([count(size), `failed: ${error ?? 'unknown'}`, ...head.slice(2, -1).map(() => ''), when]);
    return line([
      count(size),
      count(f.passages),
      f.ingestRate ? `${f.ingestRate} articles/s` : '—',
      disk(f.databaseMb),
      p50p99(f.ask),
      f.askAfterStart ? `${p50p99(f.askAfterStart)} (${f.askAfterStart.count})` : 'not measured apart',
      `${fmtMs(f.whosaid.p99)} ms`,
      `${fmtMs(f.summary.p99)} ms`,
      `${f.botRssMb} MB (${f.botPeakRssMb} MB)`,
      e ? p50p99(e.ask) : 'not measured',
      e ? `${Math.round(e.peakRssMb)} MB` : 'not measured',
      `${p50p99(f.tsRank.ask)} (${f.tsRank.ask.count} questions)`,
      disk(f.tsRank.indexMb),
      when,
    ]);
  });
  return `${[line(head), line(head.map((_, i) => (i < 2 ? '---:' : '---'))), ...body].join('\n')}\n`;
}

/** /ask latency and the bot's memory against size, the three engines, as a standalone SVG. */
export function renderPostgresChart(rows: readonly PostgresRow[]): string {
  const points = (pick: (r: PostgresRow) => number | undefined): Array<[number, number]> =>
    rows.flatMap((r) => {
      const y = pick(r);
      return y === undefined ? [] : [[r.size, y] as [number, number]];
    });
  const PG = '#8250df';
  const EMBEDDED = '#1f6feb';
  const TS = '#bf8700';
  const latency: Series[] = [
    { name: 'PostgreSQL p50', color: PG, dashed: false, points: points((r) => r.figures?.ask.p50) },
    { name: 'PostgreSQL p99', color: PG, dashed: true, points: points((r) => r.figures?.ask.p99) },
    { name: 'embedded p50', color: EMBEDDED, dashed: false, points: points((r) => r.embedded?.ask.p50) },
    { name: 'embedded p99', color: EMBEDDED, dashed: true, points: points((r) => r.embedded?.ask.p99) },
    { name: 'ts_rank p50', color: TS, dashed: false, points: points((r) => r.figures?.tsRank.ask.p50) },
    { name: 'ts_rank p99', color: TS, dashed: true, points: points((r) => r.figures?.tsRank.ask.p99) },
  ];
  const memory: Series[] = [
    { name: 'PostgreSQL bot peak RSS', color: PG, dashed: false, points: points((r) => r.figures?.botPeakRssMb) },
    { name: 'embedded peak RSS', color: EMBEDDED, dashed: false, points: points((r) => r.embedded?.peakRssMb) },
  ];
  return chartSvg([
    { title: '/ask latency', yLabel: 'ms (log scale)', series: latency, logY: true },
    { title: 'bot memory', yLabel: 'MB', series: memory, logY: false },
  ]);
}
