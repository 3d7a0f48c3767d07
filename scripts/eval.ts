import { existsSync } from 'node:fs';
import { EVAL_DIR } from './evalData.js';
import { QA_SETS, evaluateAskSet } from './evalAsk.js';
import { evaluateQuotes, macroAverage } from './evalQuotes.js';
import { EASC_BASELINES, evaluateSummaries } from './evalSummaries.js';

/** Reference rows of ../shared/eval/README.md for `/ask` (hit@1, hit@5, MRR@10 per set). */
const ASK_REFERENCES: Array<[string, number[][]]> = [
  ['MiniSearch, default options', [[0.785, 0.906, 0.838], [0.638, 0.856, 0.729], [0.422, 0.615, 0.507]]],
  ['SQLite FTS5 bm25', [[0.819, 0.94, 0.87], [0.647, 0.872, 0.74], [0.509, 0.71, 0.597]]],
  ['BM25 + Lucene-style Arabic analyser', [[0.886, 0.969, 0.922], [0.781, 0.958, 0.857], [0.631, 0.808, 0.704]]],
];

const f = (x: number) => x.toFixed(3).replace(/^0/, '');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** `npm run eval`: retrieval, attribution and summary quality on the dev sets, next to the reference rows. */
async function main(): Promise<void> {
  if (!existsSync(EVAL_DIR)) {
    process.stderr.write(
      `npm run eval needs the development data: a folder ${EVAL_DIR} (set EVAL_DIR, or put it beside this repository as ../shared/eval) holding qa/, quotes/, summaries/ and news/ ` +
        '(public data sets: XQuAD, ARCD, MLQA, EASC, the ANT corpus, PolNeAR; see the README\'s Quality section for where each comes from).\n',
    );
    process.exitCode = 2;
    return;
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const wants = (part: string) => only.length === 0 || only.includes(part);
  if (wants('ask')) {
    console.log('\n/ask retrieval (hit@1 / hit@5 / MRR@10)\n');
    console.log(row(['system', ...QA_SETS]));
    console.log(row(['---', ...QA_SETS.map(() => '---')]));
    for (const [name, sets] of ASK_REFERENCES) console.log(row([name, ...sets.map((s) => s.map(f).join(' / '))]));
    const ours = QA_SETS.map(evaluateAskSet);
    console.log(row(['**this bot**', ...ours.map((s) => [s.hit1, s.hit5, s.mrr10].map(f).join(' / '))]));
  }
  if (wants('quotes')) {
    console.log('\nQuotations (../shared/eval/quotes)\n');
    const { files, distractors } = await evaluateQuotes({ distractors: !process.argv.includes('--no-distractors') });
    console.log(`whosaid asked with six words from the middle of each quotation, against every dev article + ${distractors} ANT distractors\n`);
    console.log(row(['file', 'gold', 'found', 'precision', 'recall', 'F1', 'speaker accuracy', 'whosaid top-1', 'whosaid right speaker']));
    console.log(row(Array(9).fill('---')));
    for (const s of [...files, macroAverage(files)]) {
      console.log(row([s.file, String(s.gold), String(s.found), f(s.precision), f(s.recall), f(s.f1), f(s.speakerAccuracy), f(s.whosaidTop1), f(s.whosaidSpeaker)]));
    }
  }
  if (wants('summaries')) {
    console.log('\nSummaries, EASC dev (ROUGE-1 / ROUGE-2 F1)\n');
    console.log(row(['system', 'ROUGE-1', 'ROUGE-2']));
    console.log(row(['---', '---', '---']));
    for (const r of [...EASC_BASELINES, ...evaluateSummaries()]) console.log(row([r.system, f(r.rouge1), f(r.rouge2)]));
  }
}

await main();
