import { buildArchive } from '../src/engine/archive.js';
import { ask } from '../src/engine/search/ask.js';
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

interface Question {
  q: string;
  article_id: string;
  paragraph: string;
}

const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Scores `/ask` on one QA set: a hit is a returned passage of the gold article that lies inside the gold paragraph. */
export function evaluateAskSet(set: string): AskScores {
  const archive = buildArchive(readCorpusFile(`qa/${set}/corpus.jsonl`));
  const questions = readJsonLines<Question>(`qa/${set}/questions.jsonl`);
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  for (const question of questions) {
    const answer = ask(archive, { question: question.q.slice(0, 300), limit: 10 }, archive.sources);
    if (!answer.ok) continue;
    const gold = squash(question.paragraph);
    const rank = answer.results.findIndex(
      (r) => (r.article.id === question.article_id || r.alsoIn.some((a) => a.id === question.article_id)) && gold.includes(squash(r.passage)),
    );
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const n = questions.length;
  return { set, questions: n, hit1: hit1 / n, hit5: hit5 / n, mrr10: mrr / n };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const set of QA_SETS) {
    const s = evaluateAskSet(set);
    console.log(`${set.padEnd(11)} n=${s.questions} hit@1 ${s.hit1.toFixed(3)} hit@5 ${s.hit5.toFixed(3)} MRR@10 ${s.mrr10.toFixed(3)}`);
  }
}
