/**
 * Reports of an English article: a reporting verb (or `according to`), the phrase naming who reports,
 * and what is reported: the quotation next to it, or the clause it governs (`X said (that) …`,
 * `…, X said`, `according to X, …`).
 */
import type { EnglishDoc, Tok } from './parse.js';
import { type Content, backward, clause, firstVerb, forward, quoted } from './contents.js';
import { COGNITION_VERBS, GENDERED, INVERTING_VERBS, SPEECH_VERBS } from './lexicon.js';
import { type Phrase, appositionAfter, phraseAfter, phraseBefore } from './phrases.js';
import { QUOTE_READING } from '../../options.js';

/** A reporting verb with its subject and its content. */
export interface Report {
  /** The cue's tokens `[first, last)`. */
  cue: Phrase;
  /** The phrase naming who reports; null when the verb has none of its own (`, saying …`). */
  subject: Phrase | null;
  /** Words between commas after the subject: `Jane Doe, a spokeswoman for the campaign,`. */
  apposition: Phrase | null;
  contents: Content[];
  /** Offset of the cue. */
  at: number;
}

/** Verbs read with their particle: `pointed out`, `called for`. */
const PHRASAL = new Set(['point out', 'call for', 'call on', 'speak out', 'talk about', 'shoot back', 'lash out', 'weigh in', 'sign on', 'back up', 'hit back', 'fire back']);
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', "'s"]);

/** `was rejected by`, `Reporting by`: the one who reports is not the subject. */
const passive = (toks: Tok[], i: number) => (PASSIVE.has(toks[i - 1]?.lower ?? '') && toks[i]!.lemma !== 'say') || toks[i + 1]?.lower === 'by' || NOT_CUES.has(`${toks[i]!.lemma} ${toks[i + 1]?.lower}`);
/** Verb and particle pairs that report nothing: `show up`, `known as`. */
const NOT_CUES = new Set(['show up', 'know as', 'see as', 'expect to']);
/** Verbs that report only a quotation next to them (`"…," he continued`), not a clause (`continue to work`). */
const QUOTING_ONLY = new Set(['continue', 'begin']);

/** A token that starts a report. */
function isCue(t: Tok, next: Tok | undefined, sentenceStart: boolean): boolean {
  if (t.region >= 0 || (!sentenceStart && /^\p{Lu}/u.test(t.text))) return false;
  if (t.lower === 'according') return next?.lower === 'to';
  if (t.lemma === 'say') return true;
  return t.pos === 'VERB' && (SPEECH_VERBS.has(t.lemma) || COGNITION_VERBS.has(t.lemma));
}

/** Every report of the article, in text order. */
export function findReports(doc: EnglishDoc): Report[] {
  const out: Report[] = [];
  const { toks, sentences } = doc;
  for (const s of sentences) {
    const cues: number[] = [];
    for (let i = s.first; i < s.last; i++) if (isCue(toks[i]!, toks[i + 1], i === s.first) && !passive(toks, i)) cues.push(i);
    let floor = s.first;
    let main: Phrase | null = null;
    let reported = -1;
    cues.forEach((i, n) => {
      if (toks[i]!.start < reported && !INVERTING_VERBS.has(toks[i]!.lemma)) return;
      const ceiling = cues.slice(n + 1).map((next) => clauseEnd(doc, next, i)).find((end) => end !== null) ?? s.last;
      const r = toks[i]!.lower === 'according' ? according(doc, i, floor, ceiling) : verbReport(doc, i, floor, ceiling, main);
      if (!r || !r.contents.length) return;
      out.push(r);
      main ??= r.subject;
      reported = Math.max(reported, ...r.contents.map((c) => c.end));
      floor = Math.max(floor, r.cue.last);
    });
  }
  return out;
}

/**
 * Where the clause of a cue ends when another cue follows in its sentence and is coordinated with it
 * (`…, and she said`, `… and added`): before that cue's subject and the `, and` before it; null when the
 * next cue is inside the clause (`X said he welcomed …`, `X said that the talks would continue`).
 */
function clauseEnd(doc: EnglishDoc, next: number, cue: number): number | null {
  const toks = doc.toks;
  const subject = phraseBefore(doc, next, cue + 1);
  let end = subject ? (subject.from ?? subject.first) : next;
  const before = toks[end - 1];
  if (!before || end - 1 <= cue || !(before.pos === 'CCONJ' || before.region >= 0 || /^[,;:—–-]$/.test(before.text))) return null;
  while (end > cue + 1 && (toks[end - 1]!.pos === 'CCONJ' || toks[end - 1]!.pos === 'ADV' || toks[end - 1]!.text === ',')) end--;
  return end;
}

/** `according to X, …` and `…, according to X`. */
function according(doc: EnglishDoc, i: number, floor: number, last: number): Report | null {
  const toks = doc.toks;
  const subject = phraseAfter(doc, i + 2, last);
  if (!subject) return null;
  const cue = { first: i, last: i + 2 };
  const opening = i === floor || toks.slice(floor, i).every((t) => t.pos === 'PUNCT' || t.pos === 'CCONJ' || t.pos === 'ADV');
  let comma = subject.last;
  while (opening && comma < Math.min(last, subject.last + QUOTE_READING.englishCommaTokens) && toks[comma]!.text !== ',') comma++;
  const content = opening ? (toks[comma]?.text === ',' ? clause(doc, comma + 1, last) : null) : clause(doc, floor, i);
  return content ? { cue, subject, apposition: null, contents: [content], at: toks[i]!.start } : null;
}

/** The report of the verb at `i`; `main` is the subject of the sentence's first report, which a participle or a second verb shares. */
function verbReport(doc: EnglishDoc, i: number, floor: number, last: number, main: Phrase | null): Report | null {
  const toks = doc.toks;
  const t = toks[i]!;
  let cueEnd = i + 1;
  if (PHRASAL.has(`${t.lemma} ${toks[cueEnd]?.lower}`)) cueEnd++;
  const cue = { first: i, last: cueEnd };
  const prev = toks[i - 1];
  const afterContent = prev !== undefined && (prev.region >= 0 || (prev.text === ',' && firstVerb(doc, floor, i - 1) < i - 1));
  const after = INVERTING_VERBS.has(t.lemma) && afterContent ? phraseAfter(doc, cueEnd, last) : null;
  const inverted = after !== null && !['VERB', 'AUX'].includes(toks[after.last]?.pos ?? '') && (toks[after.first]!.pos !== 'PRON' || after.last - after.first > 1 || GENDERED.has(toks[after.first]!.lower));
  let subject: Phrase | null;
  let tail = cueEnd;
  if (inverted) {
    subject = after;
    tail = after.last;
  } else if (t.lower.endsWith('ing') && prev?.text === ',') {
    subject = main ?? phraseBefore(doc, firstVerb(doc, floor, i), floor);
  } else subject = phraseBefore(doc, i, floor) ?? (coordinated(toks, i) ? (main ?? phraseBefore(doc, firstVerb(doc, floor, i), floor)) : null);
  const apposition = subject ? appositionAfter(doc, subject, last) : null;
  if (inverted && apposition) tail = apposition.last;
  const attribution = { first: subject && subject.first < i ? (subject.from ?? subject.first) : i, last: tail };
  const quotes = quoted(doc, attribution);
  const contents = quotes ?? (QUOTING_ONLY.has(t.lemma) ? null : ((inverted ? null : forward(doc, t, cueEnd, last)) ?? backward(doc, attribution, floor, last)));
  return contents ? { cue, subject, apposition, contents, at: t.start } : null;
}

/** A verb after `and`/`but` (adverbs between): it shares the subject of the verb before. */
const coordinated = (toks: Tok[], i: number) => {
  let k = i - 1;
  while (k > 0 && toks[k]!.pos === 'ADV') k--;
  return toks[k]?.pos === 'CCONJ';
};
