/**
 * Scores quotation finding, speaker attribution and whosaid on ../shared/eval/quotes/
 * (see its README): `npx tsx scripts/evalQuotes.ts [--errors]`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extractQuotations } from '../src/engine/quotes/extract.js';
import { buildQuoteIndex } from '../src/engine/quotes/index.js';
import type { Quotation } from '../src/engine/quotes/types.js';
import { normalizeText, words } from '../src/engine/text/normalize.js';
import type { Article } from '../src/engine/types.js';

/** One annotated quotation. */
interface Gold {
  quote: string;
  speaker: string | null;
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
  whosaidTop1: number;
}
/** Scores on every file of the quotes eval set. */
export type QuoteScores = FileScores[];

const DIR = new URL('../../shared/eval/quotes/', import.meta.url);
const FILES = ['dev_ant.jsonl', 'seed.jsonl'];

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

const asArticle = (r: Record): Article => ({ id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: r.url, lang: 'ar', author: null, file: r.id });

/** Six words from the middle of a quotation: the whosaid query. */
function middleSix(quote: string): string {
  const w = quote.split(/\s+/).filter(Boolean);
  const from = Math.max(0, Math.floor((w.length - 6) / 2));
  return w.slice(from, from + 6).join(' ');
}

async function scoreFile(file: string, log: (line: string) => void): Promise<FileScores> {
  const records = (await readFile(fileURLToPath(new URL(file, DIR)), 'utf8')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record);
  let gold = 0, found = 0, matched = 0, speakerRight = 0, top1 = 0;
  const index = buildQuoteIndex(records.map(asArticle));
  for (const r of records) {
    const quotes = extractQuotations(asArticle(r));
    const pairs = match(r.quotes, quotes);
    gold += r.quotes.length;
    found += quotes.length;
    matched += pairs.length;
    const hit = new Set(pairs.map(([i]) => i));
    const usedF = new Set(pairs.map(([, j]) => j));
    for (const [i, j] of pairs) {
      const ok = sameSpeaker(r.quotes[i]!.speaker, quotes[j]!.speaker);
      if (ok) speakerRight++;
      else log(`SPK ${r.id} gold=${r.quotes[i]!.speaker} got=${quotes[j]!.speaker} [${quotes[j]!.cue}|${quotes[j]!.mention}] ${quotes[j]!.text.slice(0, 60)}`);
    }
    r.quotes.forEach((g, i) => hit.has(i) || log(`MISS ${r.id} [${g.cue}|${g.speaker_mention}] ${g.quote.slice(0, 90)}`));
    quotes.forEach((q, j) => usedF.has(j) || log(`FP ${r.id} [${q.cue}] ${q.text.slice(0, 90)}`));
    for (const g of r.quotes) {
      const best = index.whosaid(middleSix(g.quote), 1)[0];
      if (best && best.article.id === r.id && overlapF1(g.quote, best.quote) >= 0.5) top1++;
      else log(`WHO ${r.id} ${middleSix(g.quote)} → ${best ? `${best.article.id} ${best.quote.slice(0, 50)}` : 'none'}`);
    }
  }
  const precision = found ? matched / found : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { file, gold, found, precision, recall, f1, speakerAccuracy: matched ? speakerRight / matched : 0, whosaidTop1: gold ? top1 / gold : 0 };
}

/** Scores every file of the quotes eval set. */
export async function evaluateQuotes(log: (line: string) => void = () => {}): Promise<QuoteScores> {
  const scores: QuoteScores = [];
  for (const file of FILES) scores.push(await scoreFile(file, log));
  return scores;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const verbose = process.argv.includes('--errors');
  const scores = await evaluateQuotes(verbose ? (l) => console.log(l) : undefined);
  const pct = (x: number) => x.toFixed(3);
  console.log('file            gold found  P     R     F1    speaker whosaid@1');
  for (const s of scores) {
    console.log(`${s.file.padEnd(15)} ${String(s.gold).padStart(4)} ${String(s.found).padStart(5)}  ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.speakerAccuracy)}   ${pct(s.whosaidTop1)}`);
  }
}
