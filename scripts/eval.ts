import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EVAL_DIR } from './evalData.js';
import { type AskScores, QA_SETS, evaluateAskSet } from './evalAsk.js';
import { evaluatePostgres } from './evalAskPostgres.js';
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
  const flags = evalFlags(process.argv.slice(2));
  if (!flags) return;
  const only = flags.parts;
  const wants = (part: (typeof only)[number]) => only.length === 0 || only.includes(part);
  if (wants('ask')) {
    console.log('\n/ask retrieval (hit@1 / hit@5 / MRR@10)\n');
    console.log(row(['system', ...QA_SETS]));
    console.log(row(['---', ...QA_SETS.map(() => '---')]));
    for (const [name, sets] of ASK_REFERENCES) console.log(row([name, ...sets.map((s) => s.map(f).join(' / '))]));
    const scores = (sets: Array<{ hit1: number; hit5: number; mrr10: number }>) => sets.map((s) => [s.hit1, s.hit5, s.mrr10].map(f).join(' / '));
    const ours: AskScores[] = [];
    for (const set of QA_SETS) ours.push(await evaluateAskSet(set));
    console.log(row(['**this bot**', ...scores(ours)]));
    if (flags.backend === 'postgres') {
      const postgres = await evaluatePostgres(QA_SETS);
      console.log(row(['this bot on PostgreSQL (same ranking)', ...scores(postgres.map((s) => s.postgres))]));
      console.log(row(["PostgreSQL ts_rank, 'arabic' configuration", ...scores(postgres.map((s) => s.tsRank))]));
      const gaps = postgres.map((s, i) => Math.max(Math.abs(s.postgres.hit1 - ours[i]!.hit1), Math.abs(s.postgres.hit5 - ours[i]!.hit5)));
      console.log(`\nlargest hit@1/hit@5 gap, PostgreSQL against embedded: ${Math.max(...gaps).toFixed(3)} (required: at most 0.005)`);
    }
  }
  if (wants('quotes')) {
    console.log('\nQuotations (../shared/eval/quotes)\n');
    const { files, distractors } = await evaluateQuotes({ distractors: !flags['no-distractors'] });
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

/** `npm run eval` flags: the parts to run (all when none is named), `--backend`, `--no-distractors`. */
const EvalFlags = z.object({
  parts: z.array(z.enum(['ask', 'quotes', 'summaries'], { error: 'ask, quotes or summaries' })),
  backend: z.enum(['embedded', 'postgres'], { error: 'embedded or postgres' }).default('embedded'),
  'no-distractors': z.boolean().default(false),
});

/** Parses the command line; on a bad flag says which and why on stderr, sets exit status 2 and returns null. */
function evalFlags(args: string[]): z.infer<typeof EvalFlags> | null {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { backend: { type: 'string' }, 'no-distractors': { type: 'boolean' } } });
    const parsed = EvalFlags.safeParse({ ...values, parts: positionals });
    if (parsed.success) return parsed.data;
    process.stderr.write(`npm run eval: ${parsed.error.issues.map((i) => `${i.path[0] === 'parts' ? 'part' : `--${String(i.path[0])}`}: ${i.message}`).join('; ')}\n`);
  } catch (error) {
    process.stderr.write(`npm run eval: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 2;
  return null;
}

await main();
