import { PERSIAN_LIGHT, attributionAt, cueOf, isComplementizer, isGlossStart, mayAttribute } from './cues.js';
import { FUNCTION_WORDS, GENERIC, HONORIFICS, ORG_HEADS, PERSON_HEADS, TIME_WORDS } from './lexicon.js';
import { insideMap, pairQuotes, type QuotePair } from './marks.js';
import { QUOTE_READING } from '../options.js';
import { COMMA, TERMINAL, bare, bareOf, type ArticleWords, type Tok, type WordInfo } from './tokens.js';

/** One paragraph ready for reading: tokens, paired quote marks, sentence starts. */
export interface Para {
  toks: Tok[];
  /** Normalised form of each token ('' for punctuation), for look-ahead. */
  words: string[];
  pairs: QuotePair[];
  /** Pair opened at a token index. */
  openAt: ReadonlyMap<number, QuotePair>;
  /** Index of the pair strictly containing each token, or -1. */
  inside: number[];
  /** Index of the first token of each token's sentence. */
  sentence: number[];
  /** The words of the paragraph's article (how often it uses each). */
  article: ArticleWords;
}

/** The pairs opened in a paragraph without quote marks. */
const NO_PAIRS: ReadonlyMap<number, QuotePair> = new Map();

/** Tokenises and pairs one paragraph of the body (`text`, starting at `start`), counting its words in `article`. */
export function readParagraph(article: ArticleWords, text: string, start: number): Para {
  const toks = article.tokenize(text, start);
  const pairs = pairQuotes(toks);
  const inside = insideMap(toks.length, pairs);
  const sentence: number[] = [];
  const words: string[] = [];
  let from = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    sentence.push(from);
    words.push(t.word ? t.n : '');
    if (!t.word && TERMINAL.has(t.raw) && inside[i] === -1 && !TERMINAL.has(toks[i + 1]?.raw ?? '')) from = i + 1;
  }
  return { toks, words, pairs, openAt: pairs.length ? new Map(pairs.map((p) => [p.open, p])) : NO_PAIRS, inside, sentence, article };
}

/** Number of words inside a quote pair. */
export const quoteWords = (p: Para, q: QuotePair) => p.toks.slice(q.open + 1, q.close).filter((t) => t.word).length;

const CLAUSE_STARTS = new Set(['حيث', 'اذ', 'بينما', 'فيما', 'كما', 'بعدما', 'عندما', 'لكن', 'ولكن']);
/** `في حين`، `في وقت`: the writer sets another fact against the report; the reported clause ends there. */
const contrast = (words: readonly string[], j: number) => words[j] === 'في' && (words[j + 1] === 'حين' || words[j + 1] === 'وقت');
/** Words before a quoted name or label, not speech: `سمي بـ"…"`, `شعار "…"`, `بعنوان "…"`. */
const LABELS = /^(?:سمي|يسمي|تسمي|مسمي|شعار|بعنوان|عنوان|اسم|باسم|بصفه|هاشتاغ|وسم|(?:[وبل]|[وب]?ال|لل)?(?:برنامج|فيلم|مسلسل|اغنيه|كتاب|روايه|مسرحيه|ديوان|مهرجان))$/;
const isConjCue = (n: string) => /^[وف]/.test(n) && cueOf(n) !== null && cueOf(n.slice(1)) !== null;
/** A conjunction written apart (`و أضاف`, a common typing habit) before a finite cue: the same as `وأضاف`. */
export const detachedConjCue = (words: readonly string[], j: number) =>
  (words[j] === 'و' || words[j] === 'ف') && !!cueOf(words[j + 1] ?? '') && !cueOf(words[j + 1]!)!.participle && !/^[وف]/.test(words[j + 1]!);

/** End (exclusive) of the subject after a verb-first cue at `i`: stops at إن/أن, a colon, a long quote, a preposition or time word. */
export function subjectEnd(p: Para, i: number): number {
  let j = i + 1;
  let count = 0;
  while (/^(?:عنه|عنها|له|لها|لهم|لنا|لي|لكم|فيها|فيه)$/.test(p.words[j] ?? '')) j++;
  const from = j;
  while (j < p.toks.length && count < QUOTE_READING.subjectTokens) {
    const t = p.toks[j]!;
    if (!t.word) {
      const q = p.openAt.get(j);
      if (q && j > from && namesBefore(p, j) && quoteWords(p, q) <= QUOTE_READING.subjectQuoteWords) {
        j = q.close + 1;
        continue;
      }
      if (t.raw === '-' && p.toks[j - 1]?.end === t.start && p.toks[j + 1]?.start === t.end) {
        j += 2;
        continue;
      }
      if (!COMMA.has(t.raw)) break;
      const next = p.words[j + 1] ?? '';
      if (!next) break;
      const w = lex(p, j + 1);
      if (w.stop || TIME_WORDS.has(next) || w.cue || (w.attr && attributionAt(p.words, j + 1))) break;
    } else {
      if (j > from && addressee(t.n)) break;
      // `بلاغ صادر عن وزارة الداخلية`: the issuer belongs to the subject.
      if ((t.n === 'عن' || t.n === 'من') && j > from && /^(?:ال)?صادره?$/.test(p.words[j - 1] ?? '')) {
        j++;
        continue;
      }
      // `المسؤول … بصفة "رياضي أولمبي محايد" كونستانتين فيبورنوف`: the capacity in marks belongs to the subject.
      const label = t.n === 'بصفه' && j > from ? p.openAt.get(j + 1) : undefined;
      if (label && quoteWords(p, label) <= QUOTE_READING.subjectQuoteWords) {
        j = label.close + 1;
        continue;
      }
      if (t.n === 'في' && j > from && headed(p, from, j) && !SPEECH_EVENTS.has(bare(p.words[j + 1] ?? ''))) {
        j++;
        continue;
      }
      const w = lex(p, j);
      if ((w.stop && !nameParticle(p, j)) || w.cue || (w.attr && attributionAt(p.words, j)) || (t.raw.charCodeAt(0) === 0x644 && /^لـ|^ل[a-z]/.test(t.raw))) break;
      if (j === from && TIME_WORDS.has(t.n)) break;
      count++;
    }
    j++;
  }
  if (from > i + 1 && j === from) return i + 1;
  while (j > i + 1 && !p.toks[j - 1]!.word && p.toks[j - 1]!.raw !== '"') j--;
  return j;
}

/** Occasions of speech: `في تصريح لـ…`, `في حديث إلى …`, `في بيان` end a subject. */
const SPEECH_EVENTS = new Set(['تصريح', 'تصريحات', 'حديث', 'مقابله', 'بيان', 'كلمه', 'لقاء', 'خطاب', 'مومتر', 'حوار', 'تغريده', 'رساله', 'منشور', 'تدوينه', 'اتصال', 'ندوه']);
/** A word after the subject naming the outlet the words were said to (`لمراسل الوكالة`, `لوكالة تونس إفريقيا`, `للصحفيين`): never the speaker. */
export function addressee(n: string): boolean {
  return n.length >= 4 && n.charCodeAt(0) === 0x644 && MEDIA.has(bare(n.slice(1)));
}
/** Outlets and reporters words are said to (after ل: `لوكالة`, `للصحفيين`); after a title, ل + another body is its genitive (`الأمين العام للجامعة`). */
const MEDIA = new Set(['مراسل', 'مراسلي', 'مراسله', 'وكاله', 'صحيفه', 'قناه', 'موقع', 'اذاعه', 'تلفزيون', 'شبكه', 'مجله', 'صحفيين', 'صحافيين', 'صحفي', 'صحافي', 'صحفيون', 'وسايل', 'اعلام', 'اعلاميين', 'برنامج', 'تلفزيونات']);

/**
 * ل + a name the article uses on its own (`وتقول لبي بي سي إنها`, `قال لسكاي نيوز`): the preposition "to", the one the
 * words were said to, never the sayer. (ل never comes before و/ف, so a rest opening on one is a name: `لولا`.)
 */
export function toNamed(p: Para, t: Tok | undefined): boolean {
  if (!t?.word) return false;
  const rest = t.n.slice(1);
  return t.n.charCodeAt(0) === 0x644 && rest.length >= 2 && !/^[وفل]/.test(rest) && !FUNCTION_WORDS.has(rest) && (p.article.get(rest) ?? 0) > 0;
}

/** `فان` written without hamza (`لويس فان غال`: van, not فإنّ) or `علي` with ي after a first name (`عبدالعزيز علي إبراهيم`): inside a name. */
const nameParticle = (p: Para, j: number) =>
  (p.toks[j]!.raw === 'فان' || (p.toks[j]!.raw === 'علي' && !/^ال/.test(p.words[j - 1] ?? 'ال'))) && !!p.toks[j - 1]?.word && !!p.toks[j + 1]?.word && p.toks[j - 1]!.end + 1 >= p.toks[j]!.start;

/** `في` at `j` belongs to a subject headed by a title (`المتحدث في …`) or an organisation (`وزارة في الجيش`). */
function headed(p: Para, from: number, j: number): boolean {
  const head = bare(p.words[from] ?? '');
  return PERSON_HEADS.has(head) || (GENERIC.has(head) && /^ال/.test(p.words[j + 1] ?? '')) || (ORG_HEADS.has(head) && /^(?:ال|ج)/.test(p.words[j + 1] ?? ''));
}

/** A word a short quoted name can belong to (`قناة "الإخبارية"`, `لمجموعة "بي إن"`). */
/** The words before the quote mark at `j` name what it names: a head word, or a head and its genitive (`وكالة أنباء "…"`). */
function namesBefore(p: Para, j: number): boolean {
  const a = p.toks[j - 1]!;
  if (namesSomething(a)) return true;
  const b = p.toks[j - 2];
  return !!b && a.word && !/^(?:ال|[بل])/.test(a.n) && b.word && !/^(?:[وبل]?ال|لل)/.test(b.n) && ORG_HEADS.has(bareOf(b)) && a.start <= b.end + 1;
}

function namesSomething(t: Tok): boolean {
  const b = bare(t.n.replace(/^[لب](?=..)/, ''));
  return t.word && (ORG_HEADS.has(b) || PERSON_HEADS.has(b) || HONORIFICS.has(b) || ORG_HEADS.has(bareOf(t)));
}

/** What a cue introduces, looking ahead from `from`: a colon, an إن/أن clause, or a quotation. */
export type Content = { type: 'colon' | 'clause'; at: number } | { type: 'quote'; pair: QuotePair } | null;

/** Finds the content a cue introduces within the sentence (null when the sentence has none). */
export function findContent(p: Para, from: number): Content {
  for (let j = from, seen = 0; j < p.toks.length && seen < QUOTE_READING.contentTokens; j++, seen++) {
    const t = p.toks[j]!;
    if (TERMINAL.has(t.raw) && p.inside[j] === -1) return null;
    if (t.raw === ':') return { type: 'colon', at: j + 1 };
    const q = p.openAt.get(j);
    // A name in quote marks (`على صفحته بموقع "فايسبوك"، "…`) is no content: the quotation may follow it.
    if (q && j > 0 && (namesBefore(p, j) || LABELS.test(p.words[j - 1] ?? '') || quoteWords(p, q) < 2)) {
      j = q.close;
      continue;
    }
    if (q) return { type: 'quote', pair: q };
    if (!t.word) continue;
    const w = lex(p, j);
    if (w.comp && !nameParticle(p, j)) {
      let at = j + 1;
      while (isComplementizer(p.words[at] ?? '') && p.words[at] !== 'that') at++;
      return { type: 'clause', at };
    }
    if (j > from && w.cue) return null;
  }
  return null;
}

/** End (exclusive) of a reported clause starting at `c`: the sentence end, a gloss, a participle or the next cue. */
export function clauseEnd(p: Para, c: number): number {
  let j = c;
  for (; j < p.toks.length; j++) {
    const t = p.toks[j]!;
    const q = p.openAt.get(j);
    if (q) {
      j = q.close;
      continue;
    }
    if (TERMINAL.has(t.raw) && p.inside[j] === -1) break;
    if (COMMA.has(t.raw) && (isGlossStart(p.words, j + 1) || isConjCue(p.words[j + 1] ?? '') || detachedConjCue(p.words, j + 1) || CLAUSE_STARTS.has(p.words[j + 1] ?? ''))) break;
    if (t.word && j > c) {
      if (detachedConjCue(p.words, j) || contrast(p.words, j)) break;
      const w = lex(p, j);
      if ((w.cue?.participle && !governed(p, j)) || (w.cue !== null && isConjCue(t.n)) || (w.attr && attributionAt(p.words, j))) break;
    }
  }
  while (j > c && (COMMA.has(p.toks[j - 1]!.raw) || /^[:\-–—(]$/.test(p.toks[j - 1]!.raw))) j--;
  return j;
}

/** Prepositions (normalised) that put the noun after them in the genitive. */
const PREPOSITIONS = new Set(['من', 'في', 'علي', 'عن', 'الي', 'مع', 'بعد', 'قبل', 'خلال', 'عبر', 'دون', 'حول', 'ضد', 'نحو', 'منذ', 'حتي', 'لدي', 'بين']);
/**
 * A participle right after a preposition is a verbal noun in the genitive (`منعهم من متابعة تغريداته`), never
 * the circumstantial participle (`متابعةً`, `مضيفا`) that reports speech.
 */
export const governed = (p: Para, j: number) => PREPOSITIONS.has(p.words[j - 1] ?? '');

/** The word information of token `j` with its cue fields filled. */
export function lex(p: Para, j: number): WordInfo {
  const w = p.toks[j]!.info;
  if (w.cue === undefined) {
    w.cue = cueOf(w.normalized);
    w.comp = isComplementizer(w.normalized);
    w.stop = w.comp || FUNCTION_WORDS.has(w.normalized);
    w.attr = mayAttribute(w.normalized);
    w.light = PERSIAN_LIGHT.has(w.normalized);
  }
  return w;
}

/** Words between two token indices. */
export const wordsBetween = (p: Para, a: number, b: number) => p.toks.slice(a, b).filter((t) => t.word).length;
