import type { QuoteMatch } from '../engine/index.js';
import { type TextStyle, citationLines, copiesText, directed } from './text.js';

/** The speaker as shown with a quotation: name and title, or that the speaker is unknown. */
export function speakerLabel(match: Pick<QuoteMatch, 'speaker' | 'speakerTitle'>): string {
  if (!match.speaker) return 'Speaker unknown';
  const comma = /[\u0600-\u06FF]/.test(match.speaker) ? '،' : ',';
  return match.speakerTitle ? `${match.speaker}${comma} ${match.speakerTitle}` : match.speaker;
}

/** `نفى` in an Arabic or Persian text, `denied` otherwise: how a denial is marked in the quotation's own language. */
export function denialWord(text: string): string {
  return /[\u0600-\u06FF]/.test(text) ? 'نفى' : 'denied';
}

/** The quotation as shown: in «» when quoted speech, and, when it is a denial, marked so it never reads as a statement. */
export function shownQuote(match: Pick<QuoteMatch, 'quote' | 'direct' | 'polarity'>): string {
  const quote = match.direct ? `«${match.quote}»` : match.quote;
  return match.polarity === 'denial' ? `${denialWord(match.quote)}: ${quote}` : quote;
}

/** One quotation as a person reads it: «quote», who said it, where and when (and the words whosaid matched). */
export function quoteLines(match: QuoteMatch, rank: number, style: TextStyle): string[] {
  const lines = [directed(`${rank}. ${style.bold(speakerLabel(match))}`), directed(`   ${shownQuote(match)}`), ...citationLines(match.article, style)];
  if (match.matchedWords?.length) lines.push(style.dim(directed(`   matched: ${match.matchedWords.join(' ')}`)));
  if (match.alsoIn?.length) lines.push(style.dim(`   also reported by: ${copiesText(match.alsoIn)}`));
  return lines;
}

/** Quote marks a typed quotation may come wrapped in. */
const WRAPPING_MARKS = /^["'«»“”„‹›「」]+|["'«»“”„‹›「」]+$/g;

/** `Who said “…”` for a whosaid answer, the typed quote's own marks dropped so they are not doubled. */
export function whosaidHeading(quote: string): string {
  return `Who said “${quote.trim().replace(WRAPPING_MARKS, '').trim()}”`;
}

/** A list of quotations under a heading, numbered from `offset + 1`. */
export function renderQuotesText(heading: string, matches: QuoteMatch[], style: TextStyle, offset = 0): string {
  return [style.bold(directed(heading)), ...matches.map((m, i) => quoteLines(m, offset + i + 1, style).join('\n'))].join('\n\n');
}

/** The other people a bare surname may mean, to ask for by name: `Others called ظريف: علي ظريف (3), …`. */
export function namesakesLine(surname: string, namesakes: ReadonlyArray<{ name: string; count: number }>, style: TextStyle): string {
  return style.dim(directed(`Others called ${surname}: ${namesakes.map((n) => `${n.name} (${n.count})`).join(', ')}`));
}
