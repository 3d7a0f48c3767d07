/**
 * Where /ask spends its time: `tsx scripts/bench/profileAsk.ts <corpusDir> <questions.json> [count]`
 * builds the archive and times the phases `ask` goes through (question analysis, planned search,
 * search with a filter, rerank, the whole of `ask`), and checks the planner against an exhaustive
 * scoring of every passage holding a question term (the same BM25+ with no work budget).
 */
import { readFileSync } from 'node:fs';
import { buildArchive } from '../../src/engine/build/buildArchive.js';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { ask } from '../../src/engine/search/ask.js';
import { rerank } from '../../src/engine/search/rerank.js';
import { parseQuestion } from '../../src/engine/search/query.js';
import { RANKING } from '../../src/engine/options.js';
import { queryTerms } from '../../src/engine/search/terms.js';
import type { BenchQuestion } from './data.js';
import { summarize } from './measure.js';

const [corpusDir, questionsFile, countArg] = process.argv.slice(2);
if (!corpusDir || !questionsFile) throw new Error('usage: profileAsk.ts <corpusDir> <questions.json> [count]');
const questions = (JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[]).slice(0, Number(countArg ?? 200));
const { articles } = await loadCorpus(corpusDir);
const archive = buildArchive(articles);
console.log(`${articles.length} articles, ${archive.passages.length} passages, ${archive.index.data.terms.length} terms`);

const phases: Record<string, number[]> = { analyse: [], search: [], searchWithFilter: [], exhaustive: [], rerank: [], wholeAsk: [] };
const hitCounts: number[] = [];
let sameTop = 0;
const time = <T>(phase: string, fn: () => T): T => {
  const start = performance.now();
  const value = fn();
  phases[phase]!.push(performance.now() - start);
  return value;
};
for (const { q } of questions) {
  const parsed = time('analyse', () => parseQuestion(q));
  const terms = queryTerms(parsed.text);
  const hits = time('search', () => archive.plan(terms, RANKING));
  time('searchWithFilter', () => archive.plan(terms, { ...RANKING, accept: (id) => archive.articles.has(archive.passages.articleId(id)) }));
  const all = time('exhaustive', () => archive.plan(terms, { ...RANKING, budget: Infinity }));
  if (hits[0]?.id === all[0]?.id) sameTop++;
  hitCounts.push(hits.length);
  const n = archive.passages.length;
  const idf = (term: string) => {
    const df = archive.index.textFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  time('rerank', () => rerank(hits, parsed.terms, (id) => archive.passages.text(id), idf));
  time('wholeAsk', () => ask(archive, { question: q, limit: 10 }, archive.sources));
}
for (const [phase, durations] of Object.entries(phases)) {
  const s = summarize(durations);
  console.log(`${phase.padEnd(18)} p50 ${s.p50} ms  p99 ${s.p99} ms  mean ${s.mean} ms`);
}
const h = summarize(hitCounts);
console.log(`hits per question   p50 ${h.p50}  p99 ${h.p99}  mean ${h.mean} (of ${archive.passages.length} passages)`);
console.log(`top-1 same as exhaustive scoring: ${sameTop} of ${questions.length}`);
