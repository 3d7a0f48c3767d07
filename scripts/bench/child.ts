/**
 * One measurement in its own process, so peak RSS belongs to one engine at one size.
 * `engine`: load, build, save the cache, time /ask (and /whosaid, /summary when they exist).
 * `build`: load and build only (the build measured again).
 * `fts5`: the SQLite reference. The engine is the compiled build (`compiled.ts`); the cold start is
 * `coldStart.mjs`.
 * Figures are sent to the parent as they are known, so a timeout keeps what was measured.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Archive } from '../../src/engine/archive.js';
import { ask, buildArchiveInParallel, corpusCacheKey, loadCorpus, saveArchive, segmentArticle, summarizeTopic, v8BuildTuning } from './compiled.js';
import type { BenchQuestion } from './data.js';
import { cpuMs, latencies, peakRssMb, rssMb, timed, timedAsync } from './measure.js';

/** What a child sends: figures to merge into its row, or a note. */
export type ChildMessage = { figures: Record<string, unknown> } | { note: string };

const pending = new Set<Promise<void>>();
/** Sends a message to the parent; `flushed()` waits until every one has been handed over. */
function send(message: ChildMessage): void {
  if (!process.send) return;
  const sent = new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));
  pending.add(sent);
  void sent.then(() => pending.delete(sent));
}
const flushed = () => Promise.all([...pending]);
const figures = (values: Record<string, unknown>) => send({ figures: values });
const ms = (x: number) => Math.round(x);
const LATENCY_BUDGET_MS = Number(process.env.BENCH_LATENCY_BUDGET_MS ?? 240_000);

async function engineRun(corpusDir: string, cacheDir: string, questionsFile: string): Promise<void> {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const { archive, problems, files } = await loadAndBuild(corpusDir);
  try {
    const save = await timedAsync(() => saveArchive(archive, problems, cacheDir, corpusCacheKey(files)));
    figures({ saveMs: ms(save.ms), cacheMb: round1(statSync(save.value).size / 1024 / 1024) });
  } catch (error) {
    figures({ cacheError: describe(error) });
  }
  const askRun = latencies(questions, ({ q }) => ask(archive, { question: q, limit: 10 }, archive.sources), { budgetMs: LATENCY_BUDGET_MS });
  figures({ ask: askRun.summary, askCpu: askRun.cpu, askTruncated: askRun.truncated, peakRssMb: peakRssMb() });

  await guarded('/whosaid', () => {
    const queries = whosaidQueries(archive);
    const run = latencies(queries, (q) => archive.quotes.whosaid(q, 5), { budgetMs: LATENCY_BUDGET_MS / 2 });
    figures({ quotations: archive.quotationCount, whosaid: run.summary, whosaidCpu: run.cpu, whosaidTruncated: run.truncated, peakRssMb: peakRssMb() });
  });
  await guarded('/summary topic', () => {
    const topics = questions.filter((x) => x.kind === 'headline').map(({ q }) => q.split(/\s+/).slice(0, 4).join(' '));
    const run = latencies(topics.slice(0, 200), (topic) => summarizeTopic(archive, topic), { budgetMs: LATENCY_BUDGET_MS / 2 });
    figures({ summary: run.summary, summaryCpu: run.cpu, summaryTruncated: run.truncated, peakRssMb: peakRssMb() });
  });
}

/** Loads the corpus and builds the archive, sending the figures of both (peak RSS so far: the build's). */
async function loadAndBuild(corpusDir: string) {
  const load = await timedAsync(() => loadCorpus(corpusDir));
  const { articles, problems, files } = load.value;
  figures({ articles: articles.length, rejected: problems.length, loadMs: ms(load.ms), rssAfterLoadMb: rssMb() });
  const cpuBefore = cpuMs();
  const onWorkerFailure = (job: string, error: unknown) => send({ note: `build: the ${job} worker failed (${describe(error)}); its work was done on the main thread` });
  const build = await timedAsync(() => buildArchiveInParallel(articles, { onWorkerFailure, tuning: v8BuildTuning() }));
  const archive = build.value;
  const peak = peakRssMb();
  figures({ passages: archive.passages.length, buildMs: ms(build.ms), buildCpuMs: cpuMs() - cpuBefore, rssAfterBuildMb: rssMb(), buildPeakRssMb: peak, peakRssMb: peak });
  return { archive, problems, files };
}

/** Runs a measurement; its failure becomes a note, not the end of the row. */
async function guarded(label: string, fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    send({ note: `${label}: measurement failed (${describe(error)}); skipped` });
  }
}

/** Parts of quotations found in a spread of the indexed articles: what a person would paste into /whosaid. */
function whosaidQueries(archive: Archive): string[] {
  const queries: string[] = [];
  const ids = [...archive.articles.keys()];
  const step = Math.max(1, Math.floor(ids.length / 400));
  for (let i = 0; i < ids.length && queries.length < 1000; i += step) {
    for (const { quote } of archive.quotes.byArticle(ids[i]!)) {
      const words = quote.split(/\s+/).filter(Boolean);
      if (words.length < 4) continue;
      const from = Math.floor(words.length / 4);
      queries.push(words.slice(from, from + 8).join(' '));
    }
  }
  return queries.slice(0, 1000);
}

async function fts5Run(corpusDir: string, questionsFile: string): Promise<void> {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const { articles } = await loadCorpus(corpusDir);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const passages = articles.flatMap((a) => segmentArticle(a));
  figures({ articles: articles.length, passages: passages.length, rssAfterLoadMb: rssMb() });
  const cpuBefore = cpuMs();
  // Loaded here only: the engine's runs hold no SQLite.
  const { buildFts5 } = await import('./fts5.js');
  const build = timed(() => buildFts5(passages, (p) => byId.get(p.articleId)!.title));
  figures({ buildMs: ms(build.ms), buildCpuMs: cpuMs() - cpuBefore, peakRssMb: peakRssMb() });
  const run = latencies(questions, ({ q }) => build.value.search(q, 10), { budgetMs: LATENCY_BUDGET_MS });
  figures({ ask: run.summary, askCpu: run.cpu, askTruncated: run.truncated, peakRssMb: peakRssMb() });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const [mode, ...args] = process.argv.slice(2);
const runs: Record<string, () => Promise<void>> = {
  engine: () => engineRun(args[0]!, args[1]!, args[2]!),
  build: async () => void (await loadAndBuild(args[0]!)),
  fts5: () => fts5Run(args[0]!, args[1]!),
};
const run = runs[mode ?? ''];
if (!run) {
  console.error(`bench child: unknown mode "${mode}" (engine, build or fts5)`);
  process.exit(2);
}
run()
  .then(
    () => 0,
    (error: unknown) => {
      send({ note: `failed: ${describe(error)}` });
      return 1;
    },
  )
  .then(async (code) => {
    await flushed();
    process.exit(code);
  });
