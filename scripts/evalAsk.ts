import { buildArchive } from '../src/engine/build/buildArchive.js';
import { ask } from '../src/engine/search/ask.js';
import type { AskBackend } from '../src/engine/search/backend.js';
import { readCorpusFile, readJsonLines } from './evalData.js';

/** The Arabic QA sets of `../shared/eval/qa`. */
export const QA_SETS = ['xquad_ar', 'arcd-train', 'mlqa_ar'] as const;

/** Retrieval quality on one QA set. */
export interface AskScores {
  set: string;
  questions: number;
  hit1: number;
  hit5: number;
  mrr10: number;
}

/** One question of a QA set: the gold article and paragraph. */
export interface Question {
  q: string;
  article_id: string;
  paragraph: string;
}

/** One ranked answer as the scores read it: the passage and the articles carrying it. */
export interface RankedPassage {
  passage: string;
  articleIds: string[];
}

/** The questions of a QA set, each cut to the 300 characters `/ask` takes. */
export function questionsOf(set: string): Question[] {
  return readJsonLines<Question>(`qa/${set}/questions.jsonl`).map((q) => ({ ...q, q: q.q.slice(0, 300) }));
}

const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Scores ten ranked passages per question: a hit is a passage of the gold article that lies inside the gold paragraph. */
export async function scoreRankings(set: string, questions: Question[], rank: (question: string) => RankedPassage[] | Promise<RankedPassage[]>): Promise<AskScores> {
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  for (const question of questions) {
    const gold = squash(question.paragraph);
    const found = (await rank(question.q)).findIndex((r) => r.articleIds.includes(question.article_id) && gold.includes(squash(r.passage)));
    if (found === 0) hit1++;
    if (found >= 0 && found < 5) hit5++;
    if (found >= 0) mrr += 1 / (found + 1);
  }
  const n = questions.length;
  return { set, questions: n, hit1: hit1 / n, hit5: hit5 / n, mrr10: mrr / n };
}

/** The ranked passages of an `/ask` backend's top ten answers (an error or no result: none). */
export async function backendRanking(backend: AskBackend, question: string): Promise<RankedPassage[]> {
  const answer = await backend.ask({ question, limit: 10 });
  return answer.ok ? answer.results.map((r) => ({ passage: r.passage, articleIds: [r.article.id, ...r.alsoIn.map((a) => a.id)] })) : [];
}

/** Scores the embedded engine's `/ask` on one QA set. */
export function evaluateAskSet(set: string): Promise<AskScores> {
  const archive = buildArchive(readCorpusFile(`qa/${set}/corpus.jsonl`));
  return scoreRankings(set, questionsOf(set), (q) => backendRanking({ ask: (query) => ask(archive, query, archive.sources) }, q));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const set of QA_SETS) {
    const s = await evaluateAskSet(set);
    console.log(`${set.padEnd(11)} n=${s.questions} hit@1 ${s.hit1.toFixed(3)} hit@5 ${s.hit5.toFixed(3)} MRR@10 ${s.mrr10.toFixed(3)}`);
  }
}
