import type { ArticleRef } from '../types.js';

/** One quotation of an article body: `body.slice(start, end) === text`. */
export interface Quotation {
  start: number;
  end: number;
  /** Verbatim; without the quote marks for direct quotes. */
  text: string;
  /** Quoted speech (between marks or after `قال:`) rather than a reported clause. */
  direct: boolean;
  /** Fullest personal name the article gives, without honorifics; an organisation or country when no person is named; null when unknown. */
  speaker: string | null;
  /** The speaker's title or description as the article gives it, e.g. `رئيس الأركان العامة للقوات المسلحة الإيرانية`. */
  speakerTitle: string | null;
  /** The words at the cue that refer to the speaker ('' for dropped subjects, participles and bare quotes). */
  mention: string;
  /** The reporting word as written, with its و/ف ('' for bare quotes). */
  cue: string;
  /**
   * `'denial'` when the cue is a verb of denial (`نفى أن …`, `أنكر`, `نافيا`): the text is what the speaker
   * denied, to be shown as such (`نفى:`), never as a plain statement. Absent for ordinary statements.
   */
  polarity?: 'denial';
}

/** Who is quoted in a span of an article, as summaries show it. */
export interface SpanAttribution {
  speaker: string;
  /** The span is what the speaker denied. */
  denial: boolean;
  /** The cue names the speaker (a name or a description at the reporting verb), rather than the speaker being inferred from earlier sentences. */
  named: boolean;
}

/** A quotation found by the quote index (CONTRACTS §2 `whosaid` match). */
export interface QuoteMatch {
  speaker: string | null;
  speakerTitle: string | null;
  /** The full quotation as the article gives it. */
  quote: string;
  direct: boolean;
  article: ArticleRef;
  start: number;
  end: number;
  /** 0–1: how well the query matched (1 for listings). */
  score: number;
  /** whosaid: the query's words found in the quotation, as the user wrote them (content words when any matched). */
  matchedWords?: string[];
  /** `denial`: the words are what the speaker denied (نفى أن …, denied that …), never to be shown as a statement. */
  polarity?: 'denial';
  /** Other articles carrying the same quotation, earliest first. */
  alsoIn?: ArticleRef[];
}

/**
 * How a reporting word introduces speech:
 * - `say`: a quotation, a colon, or an إن/أن clause (قال، أضاف، أكد …);
 * - `describe`: only quoted fragments count (وصف، دعا، طالب …), or an أن clause starting with a quote.
 */
export type CueKind = 'say' | 'describe';

/** A reporting word recognised in the text. */
export interface Cue {
  kind: CueKind;
  /** True for feminine forms (قالت، مضيفة), false for masculine, null when unmarked (English, Persian). */
  fem: boolean | null;
  /** Participle or verbal noun (مضيفا، قائلا، بقوله): its subject is the governing clause's. */
  participle: boolean;
  /** A verb of denial (نفى، أنكر، دحض، نافيا): what it introduces is what the speaker denied. */
  denial: boolean;
}
