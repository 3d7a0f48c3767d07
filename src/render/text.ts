import type { AskAnswer, AskResult } from '../engine/search/ask.js';
import type { ArticleRef } from '../engine/types.js';
import type { FailureWords } from './failureWords.js';

/** How plain text is decorated: ANSI bold in a terminal, nothing when piped. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

/** No decoration, for pipes and tests. */
export const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t };
/** ANSI bold and dim, for an interactive terminal. */
export const ANSI: TextStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

const RLM = '\u200F';
const RTL = /[\u0590-\u08FF]/;

/** Marks a right-to-left line so a bidi-aware terminal lays it out from the right. */
export function directed(line: string): string {
  return RTL.test(line.slice(0, 40)) ? RLM + line : line;
}

/** The passage with its highlighted ranges passed through `bold`. */
export function withHighlights(text: string, ranges: ReadonlyArray<readonly [number, number]>, bold: (t: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + bold(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A `YYYY-MM-DD` day as a person writes it (`20 October 2021`); anything else as given. */
export function humanDate(day: string): string {
  const time = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}/.test(day) && !Number.isNaN(time) ? DAY.format(time) : day;
}

/** `Source · 20 October 2021 · url · id …` of a cited article (the id is what `summary --article` and `quotes --article` take). */
export function sourceMeta(article: ArticleRef): string {
  return [article.source, humanDate(article.date), article.url, `id ${article.id}`].filter(Boolean).join(' · ');
}

/** The other outlets carrying a story, each `source (day)` once, however many copies it ran. */
export function copiesText(copies: readonly ArticleRef[]): string {
  return [...new Set(copies.map((a) => `${a.source} (${humanDate(a.date)})`))].join(', ');
}

/** The title and `Source · 20 October 2021 · url` on separate lines, as a citation under an answer. */
export function citationLines(article: ArticleRef, style: TextStyle): string[] {
  return [directed(`   ${article.title}`), style.dim(`   ${sourceMeta(article)}`)];
}

function resultLines(result: AskResult, rank: number, style: TextStyle): string[] {
  const lines = [directed(`${rank}. ${withHighlights(result.passage, result.highlights, style.bold)}`)];
  if (result.speaker) lines.push(directed(`   — ${result.speaker}`));
  lines.push(...citationLines(result.article, style));
  if (result.alsoIn.length) lines.push(style.dim(`   also in: ${copiesText(result.alsoIn)}`));
  return lines;
}

/** An `/ask` answer as a person reads it in a terminal. */
export function renderAskText(answer: AskAnswer, offset: number, style: TextStyle = PLAIN): string {
  const blocks = answer.results.map((r, i) => resultLines(r, offset + i + 1, style).join('\n'));
  if (answer.relaxedPhrases) blocks.unshift(relaxedNotice(answer.relaxedPhrases));
  const last = offset + answer.results.length;
  blocks.push(style.dim(`${offset + 1}–${last} of ${answer.total}`));
  return blocks.join('\n\n');
}

/** Says which quoted phrases were not found as typed, so the closest matches are shown instead. */
export function relaxedNotice(phrases: readonly string[]): string {
  return `No passage contains ${phrases.map((p) => `“${p}”`).join(' and ')} as typed; showing the closest matches.`;
}

/** How a front end names an option the engine's messages give as a `code` span: `from` in the console, `--from` on the command line. */
export type OptionNamer = (option: string) => string;

/** A failure's words as text, with its hints; option names (`` `from` ``) in the front end's own terms. */
export function renderFailureText(failure: FailureWords, optionName: OptionNamer = (o) => `\`${o}\``): string {
  const text = [failure.message, ...failure.hints.map((h) => `  – ${h}`)].join('\n');
  return text.replace(/`([^`\n]+)`/g, (_, option: string) => optionName(option));
}
