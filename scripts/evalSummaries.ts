/** ROUGE-1/2 of `/summary` on EASC dev next to the published baselines; `--topics` adds the ANT topic check. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildArchive } from '../src/engine/archive.js';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import { meanRougeF1, summarizeArticle, summarizeTopic } from '../src/engine/summary/index.js';
import { sentenceUnits } from '../src/engine/summary/sentences.js';
import type { Article } from '../src/engine/types.js';
import { EVAL_DIR, readJsonLines } from './evalData.js';

interface EascRecord {
  id: string;
  title: string;
  body: string;
  date: string;
  source: string;
  summaries: string[];
}

/** One system's mean ROUGE F1 on EASC dev. */
export interface RougeRow {
  system: string;
  rouge1: number;
  rouge2: number;
}

/** Published baselines (../shared/eval/README.md), same protocol. */
export const EASC_BASELINES: RougeRow[] = [
  { system: 'lead (README)', rouge1: 0.491, rouge2: 0.434 },
  { system: 'TextRank (README)', rouge1: 0.433, rouge2: 0.364 },
  { system: 'centroid (README)', rouge1: 0.433, rouge2: 0.368 },
  { system: 'one human vs the others (README)', rouge1: 0.487, rouge2: 0.42 },
];

function asArticle(r: EascRecord): Article {
  return { id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: null, lang: 'ar', author: null, file: '' };
}

/**
 * The protocol's sentences (../shared/eval/README.md): split after `. ! ? ؟` followed by white
 * space, and at line breaks; pieces without a letter are not sentences. It counts the reference
 * sentences, and its lead-N reproduces the published lead row (.491 / .434), which checks our ROUGE.
 */
export function protocolSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?؟])\s+|[\n\r]+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

/** As many sentences as the references have on average (at least one). */
export function referenceSentenceCount(summaries: readonly string[]): number {
  return Math.max(1, Math.round(summaries.reduce((sum, s) => sum + protocolSentences(s).length, 0) / summaries.length));
}

/**
 * ROUGE-1/2 F1 (mean over the 5 references, then over articles) of our summaries and of lead-N;
 * `filter` keeps a subset of the articles (e.g. one half, to check that a change generalises).
 */
export function evaluateSummaries(filter: (index: number) => boolean = () => true): RougeRow[] {
  const records = readJsonLines<EascRecord>('summaries/easc-dev.jsonl').filter((_, i) => filter(i));
  const systems: Record<string, (r: EascRecord, n: number) => string> = {
    'lead-N, protocol sentences (check)': (r, n) => protocolSentences(r.body).slice(0, n).join(' '),
    'lead-N, our sentences': (r, n) => sentenceUnits(r.body).slice(0, n).map((s) => s.text).join(' '),
    summarizeArticle: (r, n) => summarizeArticle(asArticle(r), n).sentences.map((s) => s.text).join(' '),
  };
  return Object.entries(systems).map(([system, summarize]) => {
    let rouge1 = 0;
    let rouge2 = 0;
    for (const record of records) {
      const n = referenceSentenceCount(record.summaries);
      const text = summarize(record, n);
      rouge1 += meanRougeF1(text, record.summaries, 1);
      rouge2 += meanRougeF1(text, record.summaries, 2);
    }
    return { system, rouge1: rouge1 / records.length, rouge2: rouge2 / records.length };
  });
}

/** Topics that several ANT outlets covered in 2018. */
export const ANT_TOPICS = [
  'القمة الأمريكية الكورية الشمالية', 'نقل السفارة الأمريكية إلى القدس', 'الانسحاب الأمريكي من الاتفاق النووي', 'كأس العالم روسيا',
  'مقتل الصحفي جمال خاشقجي', 'الانتخابات الرئاسية المصرية', 'الانتخابات البرلمانية العراقية', 'معركة الغوطة الشرقية',
  'الهجوم الكيماوي على دوما', 'الضربات الأمريكية على سوريا', 'معركة الحديدة', 'تسميم الجاسوس الروسي سكريبال',
  'مسيرات العودة في غزة', 'الرسوم الجمركية الحرب التجارية بين أمريكا والصين', 'عفرين غصن الزيتون', 'الانتخابات الرئاسية التركية',
  'انهيار الليرة التركية', 'الاحتجاجات في الأردن', 'ولي العهد السعودي محمد بن سلمان', 'زلزال إندونيسيا',
];

/** One topic of the ANT check: what would make the summary wrong, and how long it took. */
export interface TopicCheck {
  topic: string;
  ms: number;
  sentences: number;
  stories: number;
  problems: string[];
}

/** Checks topic summaries over the ANT multisource corpus: no repeated sentence or story, every sentence cited, dates in order. */
export function checkTopics(topics = ANT_TOPICS): TopicCheck[] {
  const file = 'news/ant-2018-multisource.jsonl.gz';
  const { articles } = parseArticleFile('ant.jsonl', gunzipSync(readFileSync(EVAL_DIR + file)).toString('utf8'), {});
  const archive = buildArchive(articles);
  return topics.map((topic) => {
    const started = performance.now();
    const summary = summarizeTopic(archive, topic);
    const ms = performance.now() - started;
    if (!summary.ok) return { topic, ms, sentences: 0, stories: 0, problems: [summary.code] };
    const problems: string[] = [];
    const texts = summary.sentences.map((s) => s.text);
    if (new Set(texts).size !== texts.length) problems.push('repeated sentence');
    const cites = new Set(summary.sources.map((s) => s.cite));
    if (summary.sentences.some((s) => !cites.has(s.cite))) problems.push('uncited sentence');
    const dates = summary.sentences.map((s) => s.article.date);
    if (dates.some((d, i) => i > 0 && d < dates[i - 1]!)) problems.push('dates out of order');
    if (ms > 1000) problems.push(`slow: ${Math.round(ms)} ms`);
    return { topic, ms, sentences: texts.length, stories: summary.sources.length, problems };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = [...evaluateSummaries(), ...EASC_BASELINES];
  const print = (row: RougeRow) => console.log(`${row.system.padEnd(36)} R1 ${row.rouge1.toFixed(3)}  R2 ${row.rouge2.toFixed(3)}`);
  console.log('EASC dev (77 articles), ROUGE F1, as many sentences as the references on average');
  rows.forEach(print);
  if (process.argv.includes('--halves')) {
    for (const [name, half] of [['even', 0], ['odd', 1]] as const) {
      console.log(`\n${name} half of EASC dev`);
      evaluateSummaries((i) => i % 2 === half).forEach(print);
    }
  }
  if (process.argv.includes('--topics')) {
    for (const check of checkTopics()) {
      console.log(`${check.topic}: ${check.sentences} sentences from ${check.stories} stories, ${Math.round(check.ms)} ms${check.problems.length ? `; PROBLEMS: ${check.problems.join(', ')}` : ''}`);
    }
  }
}
