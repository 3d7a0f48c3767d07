/**
 * `npm run bench`: the engine against SQLite FTS5 at 10k–300k articles of real Arabic news
 * (build, peak RSS, cache, cold start, /ask, /whosaid, /summary latency), written to
 * bench/results.json, bench/results.md and bench/chart.svg. Flags: see scripts/bench/args.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { childTimeoutMs, parseBenchArgs } from './bench/args.js';
import { prepareData } from './bench/data.js';
import { type BenchResults, type Measured, count, renderChart, renderTable } from './bench/report.js';
import { runChild } from './bench/run.js';
import { benchPostgres, renderPostgres } from './bench/postgresRuns.js';

/** Up to this size the build is measured again in `EXTRA_BUILD_RUNS` build-only runs, and the median of all the runs reported. */
const REPEATED_BUILDS_UP_TO = 30_000;
const EXTRA_BUILD_RUNS = 2;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.renderOnly && args.backend === 'postgres') {
    renderPostgres(args.outDir);
    return;
  }
  if (args.renderOnly) {
    writeOutputs(JSON.parse(readFileSync(join(resolve(args.outDir), 'results.json'), 'utf8')) as BenchResults, args.outDir);
    return;
  }
  const started = performance.now();
  log('compiling the engine, measured as production runs it (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const data = prepareData(join(tmpdir(), 'news-archive-bench'), args.sizes, log);
  const questionsFile = join(data.dir, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(data.questions));
  const kinds: Record<string, number> = {};
  for (const q of data.questions) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
  log(`${data.questions.length} questions: ${JSON.stringify(kinds)}; rejected by the loader: ${JSON.stringify(data.rejected)}`);

  const env = { ...process.env, BENCH_LATENCY_BUDGET_MS: String(args.latencyBudgetS * 1000) };
  if (args.backend === 'postgres') {
    const options = { outDir: args.outDir, pgData: args.pgData, deadline: started + args.budgetMin * 60_000, commit: engineVersion() };
    await benchPostgres(args.sizes.map((size) => ({ size, corpusDir: data.corpusDirs[size]! })), questionsFile, options, env, log);
    return;
  }
  const deadline = started + args.budgetMin * 60_000;
  const child = async (label: string, mode: string, childArgs: string[], size: number): Promise<Measured> => {
    const left = deadline - performance.now();
    if (left < 30_000) {
      log(`${label}: not run (the ${args.budgetMin} min budget of the run is spent)`);
      return { figures: {}, unfinished: `not run: the ${args.budgetMin} min budget of the run was spent`, notes: [] };
    }
    log(`${label}…`);
    const outcome = await runChild(mode, childArgs, { timeoutMs: Math.min(childTimeoutMs(args, size), left), heapMb: args.heapMb, env });
    log(`${label}: ${outcome.unfinished ? `did not finish (${outcome.unfinished}) ` : ''}${JSON.stringify(outcome.figures)} in ${(outcome.wallMs / 1000).toFixed(1)} s`);
    for (const note of outcome.notes) log(`  note: ${note}`);
    return { figures: outcome.figures, unfinished: outcome.unfinished, notes: outcome.notes };
  };

  const results: BenchResults = {
    date: new Date().toISOString(),
    engine: engineVersion(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', totalMemMb: Math.round(totalmem() / 1024 / 1024), node: process.version },
    questions: kinds,
    sizes: [],
    notes: [
      `Articles: ANT multisource (${data.rejected['news/ant-2018-multisource.jsonl.gz']} rejected by the loader), every 60th held out for headline questions, then Jawhara FM (day-first dates converted for the benchmark; ${data.rejected['news/ant-jawharafm.jsonl.gz']} still rejected), then re-dated, re-identified copies of both up to the size.`,
      'FTS5: better-sqlite3 in memory, unicode61 remove_diacritics 2, columns text and title (bm25 weights 1 and 0.3), normalised text on both sides, question words quoted and OR-ed, top 10.',
      'Each figure comes from its own child process, the engine on the compiled build (`npm run build`), as `npm run start:prod` runs it; cold start is process start to the first /ask answer through createEngine with the cache built in the same run.',
      `Build time and peak RSS up to ${count(REPEATED_BUILDS_UP_TO)} articles: the median of ${EXTRA_BUILD_RUNS + 1} builds, each in its own process (the engine run and ${EXTRA_BUILD_RUNS} runs that only load and build), with their range; peak RSS is the process's peak through the load and build, and the engine run's peak over all its measurements is added when it is higher.`,
    ],
  };
  for (const size of args.sizes) {
    const cacheDir = join(data.dir, `cache-${size}`);
    rmSync(cacheDir, { recursive: true, force: true });
    const corpusDir = data.corpusDirs[size]!;
    const engine = await child(`${size} engine`, 'engine', [corpusDir, cacheDir, questionsFile], size);
    const builds: Measured[] = [];
    if (size <= REPEATED_BUILDS_UP_TO && engine.figures.buildMs !== undefined) {
      for (let run = 2; run <= EXTRA_BUILD_RUNS + 1; run++) builds.push(await child(`${size} build ${run}/${EXTRA_BUILD_RUNS + 1}`, 'build', [corpusDir], size));
    }
    const cold = engine.figures.cacheMb === undefined ? null : await child(`${size} cold start`, 'cold', [corpusDir, cacheDir, data.questions[0]!.q], size);
    const fts5 = await child(`${size} FTS5`, 'fts5', [corpusDir, questionsFile], size);
    results.sizes.push({ size, engine, builds, cold, fts5 });
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const optionalNotes = [...new Set(results.sizes.flatMap((s) => s.engine.notes.filter((n) => !n.startsWith('failed: '))))];
  results.notes.push(...optionalNotes);

  writeOutputs(results, args.outDir);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ${args.outDir}/results.json, results.md, chart.svg`);
}

/** The commit measured, marked `+changes` when src/ differs from it (others may be editing the engine). */
function engineVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** Writes results.json, results.md and chart.svg, and prints the table and notes. */
function writeOutputs(results: BenchResults, outDirArg: string): void {
  const outDir = resolve(outDirArg);
  mkdirSync(outDir, { recursive: true });
  const table = renderTable(results);
  const machine = `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.totalMemMb} MB, Node ${results.machine.node}`;
  const questions = Object.values(results.questions).reduce((a, b) => a + b, 0);
  const loads = results.sizes.flatMap((s) => [s.engine, ...(s.builds ?? []), s.fts5].map((m) => m.figures.loadAvg)).filter((x): x is number => typeof x === 'number');
  const markdown = [
    '# Benchmark: the engine and SQLite FTS5',
    '',
    `\`npm run bench\`, ${results.date.slice(0, 10)}, engine ${results.engine ?? 'unknown'}, ${machine}` +
      (loads.length ? `, 1-minute load average ${Math.min(...loads)}–${Math.max(...loads)} during the run` : '') +
      `. ${questions} questions (${Object.entries(results.questions).map(([k, n]) => `${n} ${k}`).join(', ')}).`,
    '',
    table,
    '',
    ...results.notes.map((n) => `- ${n}`),
    '',
    '![latency and memory against corpus size](chart.svg)',
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(outDir, 'results.md'), markdown);
  writeFileSync(join(outDir, 'chart.svg'), renderChart(results));
  console.log(`\n${table}\n`);
  for (const note of results.notes) console.log(`- ${note}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
