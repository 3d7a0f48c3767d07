/**
 * How often the query planner's ranking equals exhaustive BM25+ on a real archive: the ANT corpus (31.5k articles) asked
 * with article headlines (every 60th article's title, as the bench does). `npx tsx scripts/evalPlanner.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildArchive } from '../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import { RANKING } from '../src/engine/options.js';
import { queryTerms } from '../src/engine/search/terms.js';
import { EVAL_DIR } from './evalData.js';

/** Agreement of the planned and the exhaustive top 10 over the questions asked. */
export interface PlannerAgreement {
  questions: number;
  /** The same passage first. */
  sameTop1: number;
  /** The same ten passages in the same order. */
  sameTop10: number;
  /** Passages of the exhaustive top 10 the planner also has in its top 10, on average (of 10). */
  overlap10: number;
}

/** Asks every 60th headline of ANT with the planner's budget and without one, and compares the top 10s. */
export function plannerAgreement(): PlannerAgreement {
  const { articles } = parseArticleFile('ant.jsonl', gunzipSync(readFileSync(`${EVAL_DIR}news/ant-2018-multisource.jsonl.gz`)).toString('utf8'), {});
  const archive = buildArchive(articles);
  const questions = articles.filter((_, i) => i % 60 === 0).map((a) => a.title);
  let sameTop1 = 0;
  let sameTop10 = 0;
  let overlap = 0;
  for (const question of questions) {
    const terms = queryTerms(question);
    const planned = archive.plan(terms, RANKING).slice(0, 10).map((h) => h.id);
    const exhaustive = archive.plan(terms, { ...RANKING, budget: Number.POSITIVE_INFINITY }).slice(0, 10).map((h) => h.id);
    if (planned[0] === exhaustive[0]) sameTop1++;
    if (planned.join() === exhaustive.join()) sameTop10++;
    overlap += exhaustive.filter((id) => planned.includes(id)).length;
  }
  return { questions: questions.length, sameTop1, sameTop10, overlap10: overlap / Math.max(1, questions.length) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = plannerAgreement();
  console.log(`${r.questions} headline questions on ANT: same first passage ${r.sameTop1} (${((100 * r.sameTop1) / r.questions).toFixed(1)}%), same top 10 ${r.sameTop10} (${((100 * r.sameTop10) / r.questions).toFixed(1)}%), ${r.overlap10.toFixed(2)} of the exhaustive top 10 in the planned top 10`);
}
