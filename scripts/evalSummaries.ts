/** ROUGE-1/2 of `/summary` on EASC dev next to the published baselines; `--topics` adds the ANT topic check. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type Archive } from '../src/engine/archive.js';
import { buildArchive } from '../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import { passageIdf } from '../src/engine/search/ask.js';
import { analyze } from '../src/engine/text/analyzer.js';
import { type TopicSummary, meanRougeF1, summarizeArticle, summarizeTopic } from '../src/engine/summary/index.js';
import { sentenceUnits } from '../src/engine/summary/sentences.js';
import { type TopicTerms, continuesPrevious, holdsTopicTerm, topicCoverage, topicTerms } from '../src/engine/summary/topicality.js';
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

/** One topic of the ANT check: what would make the summary wrong, how on topic its sentences are, and how long it took. */
export interface TopicCheck {
  topic: string;
  ms: number;
  sentences: number;
  stories: number;
  /** Sentences that neither hold a topic term nor directly continue (see `continuesPrevious`) a sentence that does. */
  offTopic: number;
  /** Sentences holding less than half the topic's idf weight (archive idf), continuations included: a stricter figure. */
  weak: number;
  /** The first sentence holds as much of the topic's idf weight as any other sentence of the summary. */
  leadMostOnTopic: boolean;
  problems: string[];
}

/** Share of the topic's idf weight under which the check calls a sentence weak. */
const WEAK_COVERAGE = 0.5;

/** How on topic a summary's sentences are: each holds a topic term or comes next in the paragraph of a sentence that does. */
export function onTopicFigures(summary: TopicSummary, archive: Archive, topic: TopicTerms): Pick<TopicCheck, 'offTopic' | 'weak' | 'leadMostOnTopic'> {
  const coverage = summary.sentences.map((s) => topicCoverage(analyze(s.text), topic));
  const offTopic = summary.sentences.filter((s) => {
    if (holdsTopicTerm(analyze(s.text), topic)) return false;
    const units = sentenceUnits(archive.articles.get(s.article.id)!.body);
    const index = units.findIndex((u) => u.start === s.start);
    return !(index >= 0 && continuesPrevious(units, index) && holdsTopicTerm(analyze(units[index - 1]!.text), topic));
  }).length;
  return {
    offTopic,
    weak: coverage.filter((c) => c < WEAK_COVERAGE).length,
    leadMostOnTopic: coverage.length === 0 || coverage[0]! >= Math.max(...coverage),
  };
}

/** Checks topic summaries over the ANT multisource corpus: no repeated sentence or story, every sentence cited and on topic, dates in order after the first. */
export function checkTopics(topics = ANT_TOPICS): TopicCheck[] {
  const file = 'news/ant-2018-multisource.jsonl.gz';
  const { articles } = parseArticleFile('ant.jsonl', gunzipSync(readFileSync(EVAL_DIR + file)).toString('utf8'), {});
  const archive = buildArchive(articles);
  const idf = passageIdf(archive);
  return topics.map((topic) => {
    const started = performance.now();
    const summary = summarizeTopic(archive, topic);
    const ms = performance.now() - started;
    if (!summary.ok) return { topic, ms, sentences: 0, stories: 0, offTopic: 0, weak: 0, leadMostOnTopic: false, problems: [summary.code] };
    const problems: string[] = [];
    const texts = summary.sentences.map((s) => s.text);
    if (new Set(texts).size !== texts.length) problems.push('repeated sentence');
    const cites = new Set(summary.sources.map((s) => s.cite));
    if (summary.sentences.some((s) => !cites.has(s.cite))) problems.push('uncited sentence');
    const dates = summary.sentences.slice(1).map((s) => s.article.date);
    if (dates.some((d, i) => i > 0 && d < dates[i - 1]!)) problems.push('dates out of order after the first sentence');
    if (ms > 1000) problems.push(`slow: ${Math.round(ms)} ms`);
    const figures = onTopicFigures(summary, archive, topicTerms(topic, idf));
    return { topic, ms, sentences: texts.length, stories: summary.sources.length, ...figures, problems };
  });
}

/** One line per topic and the totals of the on-topic check. */
function printTopicChecks(checks: readonly TopicCheck[]): void {
  for (const c of checks) {
    const figures = `off topic ${c.offTopic}, under half the topic's weight ${c.weak}, first sentence ${c.leadMostOnTopic ? 'is' : 'is NOT'} the most on topic`;
    console.log(`${c.topic}: ${c.sentences} sentences from ${c.stories} stories, ${Math.round(c.ms)} ms; ${figures}${c.problems.length ? `; PROBLEMS: ${c.problems.join(', ')}` : ''}`);
  }
  const sum = (f: (c: TopicCheck) => number) => checks.reduce((total, c) => total + f(c), 0);
  console.log(
    `\nTotal: ${sum((c) => c.sentences)} sentences; ${sum((c) => c.offTopic)} off topic (no topic term, not continuing one that has); ` +
      `${sum((c) => c.weak)} under half the topic's weight; first sentence not the most on topic in ${sum((c) => (c.leadMostOnTopic ? 0 : 1))} of ${checks.length} topics; ` +
      `slowest ${Math.round(Math.max(...checks.map((c) => c.ms)))} ms`,
  );
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
    console.log('\nANT topics (31.5k articles): each sentence holds a topic term or comes next in the paragraph of one that does');
    printTopicChecks(checkTopics());
  }
}
