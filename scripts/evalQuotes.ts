/**
 * Scores quotation finding, speaker attribution and whosaid on ../shared/eval/quotes/
 * (see its README): `npx tsx scripts/evalQuotes.ts [--errors] [--no-distractors] [FILE…]`.
 * whosaid is asked against an archive holding every dev file's articles and, unless `--no-distractors`,
 * the whole ANT 2018 corpus besides (31.5k articles), as a user's archive would.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVAL_DIR } from './evalData.js';
import { gunzipSync } from 'node:zlib';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import { QuoteReader } from '../src/engine/quotes/extract.js';
import { QuoteIndex } from '../src/engine/quotes/index.js';
import type { Quotation } from '../src/engine/quotes/types.js';
import { normalizeText, words } from '../src/engine/text/normalize.js';
import type { Article } from '../src/engine/types.js';

/** One annotated quotation. */
interface Gold {
  quote: string;
  speaker: string | null;
  /** English file only: the source names someone the conversion could not resolve; left out of speaker figures. */
  speaker_unresolved?: boolean;
  speaker_mention: string;
  cue: string;
  direct: boolean;
}
interface Record {
  id: string;
  source: string;
  date: string;
  title: string;
  url: string | null;
  lang?: string;
  body: string;
  quotes: Gold[];
}

/** Scores on one file. */
export interface FileScores {
  file: string;
  gold: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
  /** The asked quotation's own article (or a copy of the quotation) comes first. */
  whosaidTop1: number;
  /** …and the speaker it names is the annotated one. */
  whosaidSpeaker: number;
}
/** Scores on every file of the quotes eval set, and how whosaid was asked. */
export interface QuoteScores {
  files: FileScores[];
  /** Articles in the whosaid archive besides the dev files' own. */
  distractors: number;
}

const DIR = pathToFileURL(`${EVAL_DIR}quotes/`);
/** The dev files, each scored on its own. */
export const QUOTE_FILES = ['dev_ant.jsonl', 'dev_ant2.jsonl', 'dev_jawhara.jsonl', 'en_polnear_dev.jsonl', 'seed.jsonl'];
const DISTRACTORS = 'news/ant-2018-multisource.jsonl.gz';

const toks = (s: string) => words(normalizeText(s));
/** Word-overlap F1 of two strings (bags of normalised words). */
export function overlapF1(a: string, b: string): number {
  const x = toks(a);
  const y = toks(b);
  if (!x.length || !y.length) return 0;
  const bag = new Map<string, number>();
  for (const w of x) bag.set(w, (bag.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of y) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      common++;
      bag.set(w, n - 1);
    }
  }
  if (!common) return 0;
  const p = common / y.length;
  const r = common / x.length;
  return (2 * p * r) / (p + r);
}
const sameSpeaker = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : toks(a).join(' ') === toks(b).join(' ');

/** Greedy one-to-one matching of found to annotated quotations (best overlap first, ≥ 0.5). */
function match(gold: Gold[], found: Quotation[]): Array<[number, number]> {
  const cand: Array<[number, number, number]> = [];
  gold.forEach((g, i) => found.forEach((f, j) => {
    const s = overlapF1(g.quote, f.text);
    if (s >= 0.5) cand.push([s, i, j]);
  }));
  cand.sort((a, b) => b[0] - a[0]);
  const gi = new Set<number>();
  const fj = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const [, i, j] of cand) if (!gi.has(i) && !fj.has(j)) [gi.add(i), fj.add(j), pairs.push([i, j])];
  return pairs;
}

const langOf = (file: string, r: Record) => r.lang ?? (file.startsWith('en_') ? 'en' : 'ar');
const asArticle = (file: string, r: Record): Article => ({ id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: r.url, lang: langOf(file, r), author: null, file: r.id });

/** Six words from the middle of a quotation: the whosaid query. */
export function middleSix(quote: string): string {
  const w = quote.split(/\s+/).filter(Boolean);
  const from = Math.max(0, Math.floor((w.length - 6) / 2));
  return w.slice(from, from + 6).join(' ');
}

function readRecords(file: string): Promise<Record[]> {
  return readFile(fileURLToPath(new URL(file, DIR)), 'utf8').then((text) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record));
}

/** The ANT articles that are not among the dev files' own (ANT ids carry an `ant/` prefix the dev files drop), as whosaid's distractors. */
function readDistractors(devIds: Set<string>): Article[] {
  const path = fileURLToPath(new URL(`../${DISTRACTORS}`, DIR));
  const { articles } = parseArticleFile('ant.jsonl', gunzipSync(readFileSync(path)).toString('utf8'), {});
  return articles.filter((a) => !devIds.has(a.id.replace(/^ant\//, '')));
}

function scoreFile(file: string, records: Record[], index: QuoteIndex, log: (line: string) => void): FileScores {
  let gold = 0, found = 0, matched = 0, judged = 0, speakerRight = 0, asked = 0, top1 = 0, top1Speaker = 0;
  const reader = new QuoteReader();
  for (const r of records) {
    const quotes = reader.quotations(asArticle(file, r));
    const pairs = match(r.quotes, quotes);
    gold += r.quotes.length;
    found += quotes.length;
    matched += pairs.length;
    const hit = new Set(pairs.map(([i]) => i));
    const usedF = new Set(pairs.map(([, j]) => j));
    for (const [i, j] of pairs) {
      if (r.quotes[i]!.speaker_unresolved) continue;
      judged++;
      const ok = sameSpeaker(r.quotes[i]!.speaker, quotes[j]!.speaker);
      if (ok) speakerRight++;
      else log(`SPK ${r.id} gold=${r.quotes[i]!.speaker} got=${quotes[j]!.speaker} [${quotes[j]!.cue}|${quotes[j]!.mention}] ${quotes[j]!.text.slice(0, 60)}`);
    }
    r.quotes.forEach((g, i) => hit.has(i) || log(`MISS ${r.id} [${g.cue}|${g.speaker_mention}] ${g.quote.slice(0, 90)}`));
    quotes.forEach((q, j) => usedF.has(j) || log(`FP ${r.id} [${q.cue}] ${q.text.slice(0, 90)}`));
    for (const g of r.quotes) {
      if (g.speaker_unresolved) continue;
      asked++;
      const best = index.whosaid(middleSix(g.quote), 1)[0];
      // The quotation itself, in its own article or in another outlet's copy of it.
      const own = best !== undefined && overlapF1(g.quote, best.quote) >= 0.5;
      if (own) top1++;
      if (own && sameSpeaker(g.speaker, best.speaker)) top1Speaker++;
      if (!own) log(`WHO ${r.id} ${middleSix(g.quote)} → ${best ? `${best.article.id} ${best.quote.slice(0, 50)}` : 'none'}`);
      else if (!sameSpeaker(g.speaker, best!.speaker)) log(`WHOSPK ${r.id} gold=${g.speaker} got=${best!.speaker} ${middleSix(g.quote)}`);
    }
  }
  const precision = found ? matched / found : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { file, gold, found, precision, recall, f1, speakerAccuracy: judged ? speakerRight / judged : 0, whosaidTop1: asked ? top1 / asked : 0, whosaidSpeaker: asked ? top1Speaker / asked : 0 };
}

/** Scores each of `files` (default: all) with whosaid asked against every dev article plus, unless turned off, the ANT distractors. */
export async function evaluateQuotes(options: { files?: string[]; distractors?: boolean; log?: (line: string) => void } = {}): Promise<QuoteScores> {
  const files = options.files?.length ? options.files : QUOTE_FILES;
  const records = await Promise.all(QUOTE_FILES.map(readRecords));
  const devArticles = QUOTE_FILES.flatMap((file, k) => records[k]!.map((r) => asArticle(file, r)));
  const distractors = options.distractors === false ? [] : readDistractors(new Set(devArticles.map((a) => a.id)));
  const index = QuoteIndex.build([...devArticles, ...distractors]);
  const log = options.log ?? (() => {});
  return { files: files.map((file) => scoreFile(file, records[QUOTE_FILES.indexOf(file)]!, index, log)), distractors: distractors.length };
}

/** The unweighted mean of each figure over the scored files, the seed excepted (18 quotations: it would weigh as much as 2,247). */
export function macroAverage(files: FileScores[]): FileScores {
  const dev = files.filter((s) => s.file !== 'seed.jsonl');
  const mean = (pick: (s: FileScores) => number) => dev.reduce((n, s) => n + pick(s), 0) / Math.max(1, dev.length);
  return {
    file: 'macro average (dev files)',
    gold: dev.reduce((n, s) => n + s.gold, 0),
    found: dev.reduce((n, s) => n + s.found, 0),
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
    speakerAccuracy: mean((s) => s.speakerAccuracy),
    whosaidTop1: mean((s) => s.whosaidTop1),
    whosaidSpeaker: mean((s) => s.whosaidSpeaker),
  };
}

/** The dev files named on the command line (a name in QUOTE_FILES, or a path to one), or why one is not. */
export function quoteFilesNamed(args: readonly string[]): { files: string[] } | { error: string } {
  const files = args.filter((a) => !a.startsWith('--')).map((a) => basename(a));
  const unknown = files.filter((f) => !QUOTE_FILES.includes(f));
  return unknown.length ? { error: `scripts/evalQuotes.ts: no dev file ${unknown.join(', ')} (the files: ${QUOTE_FILES.join(', ')})` } : { files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const named = quoteFilesNamed(args);
  if ('error' in named) {
    console.error(named.error);
    process.exit(2);
  }
  const { files, distractors } = await evaluateQuotes({
    files: named.files,
    distractors: !args.includes('--no-distractors'),
    log: args.includes('--errors') ? (l) => console.log(l) : undefined,
  });
  const pct = (x: number) => x.toFixed(3);
  console.log(`whosaid archive: the dev files' articles + ${distractors} distractors`);
  console.log('file                      gold found  P     R     F1    speaker who@1 who+spk');
  for (const s of [...files, macroAverage(files)]) {
    console.log(`${s.file.slice(0, 25).padEnd(25)} ${String(s.gold).padStart(4)} ${String(s.found).padStart(5)}  ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.speakerAccuracy)}   ${pct(s.whosaidTop1)} ${pct(s.whosaidSpeaker)}`);
  }
}
