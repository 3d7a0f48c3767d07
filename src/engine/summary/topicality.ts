import { analyze, isContentWord } from '../text/analyzer.js';
import { normalizeText, words } from '../text/normalize.js';
import { type SentenceUnit, sentenceUnits } from './sentences.js';
import type { Idf } from './vectors.js';
import { SUMMARY_HEURISTICS } from '../options.js';

/** A topic's terms (the analyser's stems of its content words), each weighed by idf, and their total weight. */
export interface TopicTerms {
  weights: ReadonlyMap<string, number>;
  mass: number;
}

/** The terms of a topic weighed by `idf`, so a rare word ("النووي") counts more than a common one ("الأمريكي"). */
export function topicTerms(topic: string, idf: Idf): TopicTerms {
  const weights = new Map(analyze(topic).map((stem) => [stem, Math.max(idf(stem), 0)]));
  const mass = [...weights.values()].reduce((sum, w) => sum + w, 0);
  return { weights, mass };
}

/** True when a sentence's stems hold at least one of the topic's terms. */
export function holdsTopicTerm(stems: readonly string[], topic: TopicTerms): boolean {
  return stems.some((stem) => topic.weights.has(stem));
}

/** Share (0–1) of the topic's idf weight that a sentence's stems hold: 1 when it names every topic term. */
export function topicCoverage(stems: readonly string[], topic: TopicTerms): number {
  if (topic.mass === 0) return 0;
  // Summed in the topic's order, so sentences holding the same terms have exactly the same coverage.
  const present = new Set(stems);
  let held = 0;
  for (const [stem, weight] of topic.weights) if (present.has(stem)) held += weight;
  return held / topic.mass;
}

/**
 * True when the sentence at `index` directly continues the one before it: it comes next in the
 * same paragraph of the article (so it goes on with what that sentence is about).
 */
export function continuesPrevious(units: readonly SentenceUnit[], index: number): boolean {
  return index > 0 && !units[index]!.opensParagraph;
}

/** Words that speak to the reader (normalised forms): "(we picked) for you", "here are (for you)", "(come and) find out". */
const READER_ADDRESS = new Set(['لكم', 'لك', 'اليكم', 'اليك', 'تعرفوا', 'you', 'your']);

/** True when a sentence's normalised words speak to the reader ("اخترنا لكم أبرز…"): a listicle's or teaser's line, not news. */
function addressesReader(tokens: readonly string[]): boolean {
  return tokens.some((word) => READER_ADDRESS.has(word));
}


/**
 * True when an article opens by speaking to the reader ("…اخترنا لكم أبرز نجوم كرة القدم الذين
 * يغيبون"): a listicle or teaser, whose items are not what happened.
 */
export function isFeature(body: string): boolean {
  return sentenceUnits(body).slice(0, SUMMARY_HEURISTICS.featureOpening).some((unit) => addressesReader(words(normalizeText(unit.text))));
}

/** Words that make a claim about everyone or all the time (normalised forms): "always", "never", "usually". */
const GENERALISING = new Set(['دائما', 'ابدا', 'عاده', 'غالبا', 'every', 'always', 'never', 'usually']);

/** "كل" before an indefinite noun ("كل لاعب", every player), not before a definite one ("كل الدول", all the countries). */
const EVERY = 'كل';

/** What ties a statement to an occasion (normalised forms): a number, a weekday, "yesterday", "today". */
const ANCHORS = new Set(['الاحد', 'الاثنين', 'الثلاثاء', 'الاربعاء', 'الخميس', 'الجمعه', 'السبت', 'امس', 'اليوم', 'yesterday', 'today']);

/** A sentence holds one of these marks (the splitter cuts after them); a line with none is a heading, caption or link. */
const SENTENCE_MARK = /[.!?؟…]/u;


/**
 * True when a sentence says nothing particular a summary could quote: it speaks to the reader,
 * it is a generalisation tied to no number or day ("…المناسبة التي يحلم بها كل لاعب", every
 * player's dream), or it is a heading, not a sentence (no full stop or other sentence mark, or a few words).
 */
export function isGeneric(sentence: string): boolean {
  const tokens = words(normalizeText(sentence));
  if (!SENTENCE_MARK.test(sentence) || tokens.filter(isContentWord).length < SUMMARY_HEURISTICS.minSentenceWords) return true;
  if (addressesReader(tokens)) return true;
  const generalises = tokens.some((word, i) => GENERALISING.has(word) || (word === EVERY && tokens[i + 1] !== undefined && !tokens[i + 1]!.startsWith('ال')));
  return generalises && !tokens.some((word) => ANCHORS.has(word) || /\d/.test(word));
}
