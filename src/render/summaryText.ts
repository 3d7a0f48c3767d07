import type { ArticleSummary, SummarySentence, TopicSummary } from '../engine/index.js';
import { denialWord } from './quoteText.js';
import { type TextStyle, citationLines, directed, sourceMeta } from './text.js';

/**
 * A sentence as a reader sees it: on one line (a sentence joined from hard-wrapped lines keeps its
 * line breaks in the data, as a verbatim extract), the sentence itself untouched, its speaker after
 * it (`… — باقري`) when it is a quotation and the sentence does not name them, and a denial said as
 * one (`— ظريف (نفى)`) whether named or not.
 */
export function withSpeaker(sentence: SummarySentence): string {
  const text = sentence.text.replace(/\s+/g, ' ');
  const speaker = sentence.speaker;
  if (!speaker) return text;
  const surname = speaker.split(/\s+/).at(-1)!;
  if (sentence.denial) return `${text} — ${surname} (${denialWord(text)})`;
  return text.includes(surname) ? text : `${text} — ${surname}`;
}

/** An article summary as a person reads it in a terminal. */
export function renderArticleSummaryText(summary: ArticleSummary, style: TextStyle): string {
  const lines = [style.bold(directed(summary.article.title)), ...citationLines(summary.article, style).slice(1), ''];
  for (const sentence of summary.sentences) lines.push(directed(withSpeaker(sentence)));
  return lines.join('\n');
}

/** A topic summary: numbered citations after each sentence, the sources listed below. */
export function renderTopicSummaryText(summary: TopicSummary, style: TextStyle): string {
  const lines = [style.bold(directed(summary.topic)), ''];
  for (const sentence of summary.sentences) lines.push(directed(`${withSpeaker(sentence)} [${sentence.cite}]`));
  lines.push('', style.bold('Sources'));
  for (const { cite, article } of summary.sources) {
    lines.push(directed(`[${cite}] ${article.title}`), style.dim(`    ${sourceMeta(article)}`));
  }
  return lines.join('\n');
}
