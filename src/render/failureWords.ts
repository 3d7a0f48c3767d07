/**
 * The words of the engine's expected failures: the engine returns a reason and its data (`FailureReason`), and each
 * front end words it here with its own terms (how a person runs a search there, what it adds to a hint), as
 * discord.js keeps its messages in one table. Option names are `code` spans, which each front end renders its way.
 */
import type { Failure, FailureReason } from '../engine/index.js';

/** A failure in a person's words: a short sentence to act on, and hints. */
export interface FailureWords {
  message: string;
  hints: string[];
}

/** What differs between front ends in the wording of failures. */
export interface FailureTerms {
  /** How a person searches passages here, e.g. `/ask` on Discord. */
  ask: string;
  /** Hints this front end adds to a reason (e.g. Discord's "pick a name from the list"). */
  more?: Partial<Record<FailureReason['kind'], string[]>>;
}

/** A front end's table of words: from each reason, with its data, to what a person reads. */
type WordTable = { [K in FailureReason['kind']]: (reason: Extract<FailureReason, { kind: K }>, terms: FailureTerms) => FailureWords };

const LANGUAGE_NAMES: Record<string, string> = { ar: 'Arabic', en: 'English', fa: 'Persian' };

/** `English` for `en`; the code itself when it has no name here. */
function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

/** A value given as it is shown back: strings quoted (and cut past 60 characters), anything else as written. */
function shown(given: unknown): string {
  return typeof given === 'string' ? JSON.stringify(given.length > 60 ? `${given.slice(0, 59)}…` : given) : String(given);
}

const words = (message: string, ...hints: string[]): FailureWords => ({ message, hints });

const WORDS: WordTable = {
  'bad-option': ({ option, given, expected }) => words(`\`${option}\`: got ${shown(given)}; expected ${expected}.`),
  'unknown-source': ({ given, known }) => words(`\`source\`: got ${JSON.stringify(given)}; expected one of the archive's sources.`, `Known sources: ${known.join(', ')}`),
  'no-searchable-words': () => words('The question has no searchable words (only punctuation or very common words).'),
  'no-match': ({ phrases, source, dates }) =>
    words(
      'Nothing in the archive matches that question.',
      ...(phrases ? ['drop the quote marks to match the words in any order'] : []),
      ...(source ? ['drop the `source` filter'] : []),
      ...(dates ? ['widen or drop the `from`/`to` dates'] : []),
      'use fewer or more common words',
    ),
  'empty-archive': ({ corpusDir }) =>
    words(
      'The archive is empty: no article was loaded from the corpus folder.',
      `put .md, .json, .jsonl, .txt, .json.gz or .jsonl.gz article files in ${corpusDir} (see the README's corpus format)`,
    ),
  'other-language': ({ asked, held }) =>
    words(`The archive holds no ${languageName(asked)} articles (it holds ${held.map(languageName).join(', ')}).`, 'ask in the language of the articles'),
  'no-quote-words': () => words('Give a few words of the quotation (links, mentions, hashtags and emoji are not searched).'),
  'quote-common-words': () =>
    words('No quotation in the archive has exactly these words.', 'a quotation made only of common words is found by its exact wording: check it word for word'),
  'quote-no-match': (_, { ask }) => words('No quotation in the archive matches those words.', 'try a shorter, distinctive part of the quote', `search the wording with ${ask}`),
  'no-name': () => words('Give the name of the person, e.g. باقري.'),
  'unknown-speaker': ({ name }) => words(`Nobody called "${name}" is quoted in the archive.`, 'check the spelling, or give the surname alone'),
  'unknown-article-id': ({ id }) => words(`No article has the id "${id}".`),
  'unknown-article': ({ wanted }, { ask }) => words(`No article has the id or title "${wanted}".`, `search for it with ${ask}, which shows each article’s id`),
  'ambiguous-title': ({ wanted, count, choices }) =>
    words(`${count} articles match "${wanted}"; did you mean one of these?`, ...choices.map((a) => `${a.title} (id ${a.id}, ${a.date})`)),
};

/** A failure in the words of the front end whose terms are given. */
export function failureWords({ reason }: Failure, terms: FailureTerms): FailureWords {
  const said = (WORDS[reason.kind] as (reason: FailureReason, terms: FailureTerms) => FailureWords)(reason, terms);
  return { message: said.message, hints: [...said.hints, ...(terms.more?.[reason.kind] ?? [])] };
}
