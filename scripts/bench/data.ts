/**
 * The benchmark's data: the ANT news files read as corpus articles (Jawhara FM's day-first dates
 * converted, for the benchmark only), grown to 100k+ by re-dated, re-identified copies, written as
 * corpus folders of one size each, and 1,000 realistic questions.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseArticleFile } from '../../src/engine/corpus/index.js';
import type { Article } from '../../src/engine/types.js';

/** The shared development data, beside the repository (`../shared/eval`). */
export const EVAL_DIR = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));
export const MULTISOURCE = 'news/ant-2018-multisource.jsonl.gz';
export const JAWHARA = 'news/ant-jawharafm.jsonl.gz';
/** Articles per corpus file written for the engine to load. */
export const SHARD_SIZE = 10_000;
/** Bumped when the prepared data changes shape, so an older prepared folder is not reused. */
const DATA_VERSION = 1;

/** One benchmark question and where it comes from. */
export interface BenchQuestion {
  q: string;
  kind: 'headline' | 'xquad_ar' | 'arcd-train';
}

/** `17/05/2015` (day first) → `2015-05-17`; `2017-01-22T185600` → `2017-01-22T18:56:00`; anything else unchanged. */
export function isoFromDayFirst(date: string): string {
  const dayFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  const compactTime = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(date.trim());
  if (compactTime) return `${compactTime[1]}T${compactTime[2]}:${compactTime[3]}:${compactTime[4]}`;
  return date;
}

/** The date moved back by `years` (the year digits only, so the rest of the timestamp is kept). */
export function shiftYears(date: string, years: number): string {
  return date.replace(/^(\d{4})/, (year) => String(Number(year) - years).padStart(4, '0'));
}

/** Copy number `copy` (1, 2, …) of an article: a new id and a date 4×copy years earlier (leap days stay valid). */
export function redated(article: Article, copy: number): Article {
  return { ...article, id: `${article.id}~r${copy}`, date: shiftYears(article.date, 4 * copy) };
}

/** A small seeded PRNG (mulberry32), so the sample and order are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates with the seeded PRNG). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Reads a gzip JSON-lines corpus file, converting day-first dates, and parses it with the project's loader. */
export function readNewsFile(relativePath: string): { articles: Article[]; rejected: number } {
  const lines = gunzipSync(readFileSync(EVAL_DIR + relativePath)).toString('utf8').split('\n');
  const fixed = lines.map((line) => {
    if (!line.trim()) return line;
    const record = JSON.parse(line) as { date?: unknown };
    if (typeof record.date === 'string') record.date = isoFromDayFirst(record.date);
    return JSON.stringify(record);
  });
  const { articles, problems } = parseArticleFile(relativePath.replace(/\.gz$/, ''), fixed.join('\n'), {});
  return { articles, rejected: problems.length };
}

/** The articles grown to `size`: `base` in order, then re-dated copies of it until there are enough. */
export function grow(base: readonly Article[], size: number): Article[] {
  if (base.length === 0) throw new Error('grow: no base articles');
  const out: Article[] = [];
  for (let copy = 0; out.length < size; copy++) {
    for (const article of base) {
      if (out.length >= size) break;
      out.push(copy === 0 ? article : redated(article, copy));
    }
  }
  return out;
}

/** An article as a corpus-format JSON record (CONTRACTS §1). */
function toRecord(article: Article): Record<string, unknown> {
  const { file: _file, meta, ...fields } = article;
  return { ...meta, ...fields };
}

/** What `prepareData` leaves on disk. */
export interface PreparedData {
  dir: string;
  /** Corpus folder holding exactly `size` articles, per size. */
  corpusDirs: Record<number, string>;
  questions: BenchQuestion[];
  /** Real articles available before growth, and the records the loader rejected. */
  realArticles: number;
  rejected: Record<string, number>;
}

/** Loads, grows and writes the corpus folders for `sizes` under `root` (reused when already there). */
export function prepareData(root: string, sizes: readonly number[], log: (line: string) => void): PreparedData {
  const max = Math.max(...sizes);
  const dir = join(root, `data-v${DATA_VERSION}-${max}`);
  // A folder prepared for larger sizes serves smaller ones when it holds their corpus folders too.
  const marker = join(dir, 'ready.json');
  const folders = existsSync(root) ? readdirSync(root).filter((name) => name.startsWith(`data-v${DATA_VERSION}-`)) : [];
  for (const ready of [marker, ...folders.map((name) => join(root, name, 'ready.json'))].filter((m) => existsSync(m)).map((m) => JSON.parse(readFileSync(m, 'utf8')) as PreparedData)) {
    if (sizes.every((s) => ready.corpusDirs[s])) return ready;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'shards'), { recursive: true });
  log('reading the ANT news files…');
  const multi = readNewsFile(MULTISOURCE);
  const jawhara = readNewsFile(JAWHARA);
  // Every 60th multisource article is held out: its headline is a question about news the index does not contain verbatim.
  const heldOut = multi.articles.filter((_, i) => i % 60 === 0);
  const kept = multi.articles.filter((_, i) => i % 60 !== 0);
  const base = [...shuffled(kept, 2018), ...shuffled(jawhara.articles, 2017)];
  const all = grow(base, max);
  log(`${multi.articles.length} + ${jawhara.articles.length} real articles (${heldOut.length} held out), grown to ${all.length}`);

  const shardCount = Math.floor(max / SHARD_SIZE);
  for (let s = 0; s < shardCount; s++) {
    const slice = all.slice(s * SHARD_SIZE, (s + 1) * SHARD_SIZE);
    writeFileSync(join(dir, 'shards', `part-${String(s).padStart(3, '0')}.jsonl`), slice.map((a) => JSON.stringify(toRecord(a))).join('\n') + '\n');
  }
  const corpusDirs: Record<number, string> = {};
  for (const size of sizes) {
    const corpusDir = join(dir, `corpus-${size}`);
    mkdirSync(corpusDir, { recursive: true });
    const full = Math.floor(size / SHARD_SIZE);
    for (let s = 0; s < full; s++) {
      const name = `part-${String(s).padStart(3, '0')}.jsonl`;
      linkSync(join(dir, 'shards', name), join(corpusDir, name));
    }
    const rest = all.slice(full * SHARD_SIZE, size);
    if (rest.length) writeFileSync(join(corpusDir, `part-${String(full).padStart(3, '0')}.jsonl`), rest.map((a) => JSON.stringify(toRecord(a))).join('\n') + '\n');
    corpusDirs[size] = corpusDir;
  }
  const prepared: PreparedData = {
    dir,
    corpusDirs,
    questions: benchQuestions(heldOut),
    realArticles: multi.articles.length + jawhara.articles.length,
    rejected: { [MULTISOURCE]: multi.rejected, [JAWHARA]: jawhara.rejected },
  };
  writeFileSync(marker, JSON.stringify(prepared));
  return prepared;
}

/** 1,000 questions: 500 held-out headlines, 250 XQuAD and 250 ARCD questions, interleaved. */
export function benchQuestions(heldOut: readonly Article[]): BenchQuestion[] {
  const usable = (q: string) => q.trim().length >= 2 && q.trim().length <= 300;
  const qa = (set: 'xquad_ar' | 'arcd-train') =>
    shuffled(
      readFileSync(join(EVAL_DIR, 'qa', set, 'questions.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => (JSON.parse(line) as { q: string }).q)
        .filter(usable),
      7,
    )
      .slice(0, 250)
      .map((q): BenchQuestion => ({ q, kind: set }));
  const headlines = heldOut
    .map((a) => a.title)
    .filter(usable)
    .slice(0, 500)
    .map((q): BenchQuestion => ({ q, kind: 'headline' }));
  return shuffled([...headlines, ...qa('xquad_ar'), ...qa('arcd-train')], 1);
}
