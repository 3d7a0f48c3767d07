/**
 * Where /ask spends its time: `tsx scripts/bench/profileAsk.ts <corpusDir> <questions.json> [count]`
 * builds the archive and times the phases `ask` goes through (question analysis, MiniSearch search,
 * rerank, grouping of syndicated copies over every hit) on the benchmark's questions.
 */
import { readFileSync } from 'node:fs';
import { buildArchive } from '../../src/engine/archive.js';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { ask } from '../../src/engine/search/ask.js';
import { RANKING, documentFrequency } from '../../src/engine/search/passageIndex.js';
import { rerank } from '../../src/engine/search/rerank.js';
import { parseQuestion, phraseHaystack } from '../../src/engine/search/query.js';
import type { BenchQuestion } from './data.js';
import { summarize } from './measure.js';

const [corpusDir, questionsFile, countArg] = process.argv.slice(2);
if (!corpusDir || !questionsFile) throw new Error('usage: profileAsk.ts <corpusDir> <questions.json> [count]');
const questions = (JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[]).slice(0, Number(countArg ?? 200));
const { articles } = await loadCorpus(corpusDir);
const archive = buildArchive(articles);
console.log(`${articles.length} articles, ${archive.passages.length} passages, ${archive.index.termCount} terms`);

const phases: Record<string, number[]> = { analyse: [], search: [], searchWithFilter: [], rerank: [], groupCopies: [], wholeAsk: [] };
const hitCounts: number[] = [];
const time = (phase: string, fn: () => unknown) => {
  const start = performance.now();
  const value = fn();
  phases[phase]!.push(performance.now() - start);
  return value;
};
for (const { q } of questions) {
  const parsed = time('analyse', () => parseQuestion(q)) as ReturnType<typeof parseQuestion>;
  const hits = time('search', () => archive.index.search(parsed.text, RANKING)) as Array<{ id: number }>;
  time('searchWithFilter', () => archive.index.search(parsed.text, { ...RANKING, filter: (hit) => archive.articles.has(archive.passages[hit.id as number]!.articleId) }));
  hitCounts.push(hits.length);
  const n = archive.passages.length;
  const idf = (term: string) => {
    const df = documentFrequency(archive.index, term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  time('rerank', () => rerank(hits as Array<{ id: number; score: number }>, parsed.terms, (id) => archive.passages[id]!.text, idf));
  time('groupCopies', () => {
    const keys = new Map<string, number>();
    for (const hit of hits) keys.set(phraseHaystack(archive.passages[hit.id]!.text), hit.id);
    return keys.size;
  });
  time('wholeAsk', () => ask(archive, { question: q, limit: 10 }, archive.sources));
}
for (const [phase, durations] of Object.entries(phases)) {
  const s = summarize(durations);
  console.log(`${phase.padEnd(18)} p50 ${s.p50} ms  p99 ${s.p99} ms  mean ${s.mean} ms`);
}
const h = summarize(hitCounts);
console.log(`hits per question   p50 ${h.p50}  p99 ${h.p99}  mean ${h.mean} (of ${archive.passages.length} passages)`);
