/**
 * English text as the quotation reader sees it: wink-nlp's tokens (part of speech, lemma, sentence),
 * placed back on the body by their offsets, with the paragraphs and the quoted regions of the body.
 */
import { createRequire } from 'node:module';
import type { ItsFunction, PartOfSpeech, WinkMethods } from 'wink-nlp';
import { paragraphs } from '../../text/sentences.js';
import { NameBook } from './names.js';

/** One token of the body. */
export interface Tok {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text, curly apostrophes made straight. */
  lower: string;
  pos: PartOfSpeech;
  /** Lower-cased lemma (`said` → `say`). */
  lemma: string;
  /** Index of the token's sentence. */
  sent: number;
  /** Index of the token's paragraph. */
  para: number;
  /** Index of the quoted region the token is in (its marks included), or -1. */
  region: number;
}

/** A sentence: tokens `[first, last)`. */
export interface Sentence {
  first: number;
  last: number;
}

/** Words between quotation marks. `start`/`end` bound the words, the marks left out; `open`/`close` include the marks. */
export interface Region {
  open: number;
  close: number;
  start: number;
  end: number;
  /** Index of the region's paragraph. */
  para: number;
  /** The region goes on from the previous paragraph's region (no closing mark at that paragraph's end). */
  continued: boolean;
}

/** An English body, tokenised and tagged. */
export interface EnglishDoc {
  body: string;
  toks: Tok[];
  sentences: Sentence[];
  regions: Region[];
  names: NameBook;
}

/** Loads wink-nlp, its English model and the name lexicon on first use: Arabic builds never pay for them. */
export class EnglishParser {
  private wink: Wink | null = null;
  private readonly names = new NameBook();

  /** The body tokenised, tagged and split into sentences, paragraphs and quoted regions; the same whatever was parsed before. */
  parse(body: string): EnglishDoc {
    const wink = (this.wink ??= loadWink());
    const known = wink.lexemes.list.length;
    try {
      return this.read(wink.nlp, body);
    } finally {
      forgetSince(wink.lexemes, known);
      if (wink.lexemes.list.length - wink.loaded > RELOAD_AFTER) this.wink = null;
    }
  }

  /** `parse` with the loaded wink-nlp. */
  private read(nlp: WinkMethods, body: string): EnglishDoc {
    const its = nlp.its;
    const paras = paragraphs(body);
    const regions = quotedRegions(body, paras);
    const toks: Tok[] = [];
    const sentences: Sentence[] = [];
    paras.forEach((p, para) => {
      const doc = nlp.readDoc(body.slice(p.start, p.end));
      const tokens = doc.tokens();
      const values = tokens.out();
      const spaces = tokens.out(its.precedingSpaces);
      const tags = tokens.out(its.pos) as PartOfSpeech[];
      const lemmas = tokens.out(its.lemma as ItsFunction<string>);
      const base = toks.length;
      let at = p.start;
      values.forEach((text, k) => {
        at += spaces[k]!.length;
        const found = body.startsWith(text, at) ? at : body.indexOf(text, at);
        const start = found >= 0 && found < p.end ? found : at;
        at = Math.min(p.end, start + text.length);
        toks.push({ start, end: at, text, lower: text.toLowerCase().replace(/’/g, "'"), pos: tags[k]!, lemma: lemmas[k]!.toLowerCase(), sent: 0, para, region: -1 });
      });
      for (const [first, last] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
        sentences.push({ first: base + first, last: base + last + 1 });
      }
    });
    sentences.forEach((s, k) => {
      for (let i = s.first; i < s.last; i++) toks[i]!.sent = k;
    });
    let r = 0;
    for (const t of toks) {
      while (r < regions.length && regions[r]!.close <= t.start) r++;
      const g = regions[r];
      if (g && g.open <= t.start && t.end <= g.close) t.region = r;
    }
    return { body, toks, sentences, regions, names: this.names };
  }
}

/**
 * wink-nlp's vocabulary: the model's words, then every word it met outside them. A word met once is looked up whole
 * the next time (`Clinton's` after `Clinton's,` stays one token where it would split into `Clinton` + `'s`),
 * so a body would be tokenised and tagged by what was read before it.
 */
interface Lexemes {
  hash: Record<string, number | undefined>;
  list: string[];
}

/** wink-nlp with its English model, the vocabulary it grows as it reads, and the vocabulary's size when loaded. */
interface Wink {
  nlp: WinkMethods;
  lexemes: Lexemes;
  loaded: number;
}

/**
 * Forgotten words stay in wink-nlp's tables (about 70 per article, 64 bytes each): past this many the model is
 * loaded afresh (about 50 ms every 1,400 articles), which changes no reading.
 */
const RELOAD_AFTER = 100_000;

/** wink-nlp with the English model, and a hold on the vocabulary it grows. */
function loadWink(): Wink {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  const model = englishModel(require);
  let core: CoreModel | null = null;
  const nlp = winkNLP({ ...model, core: () => (core = model.core()) }, ['sbd', 'pos']);
  if (!core) throw new Error('wink-nlp did not load its core model');
  const lexemes = (core as CoreModel).features.lexeme;
  return { nlp, lexemes, loaded: lexemes.list.length };
}

/** wink's English model as a set of loaders, each called by every `winkNLP(model)`. */
type Loaders = Model & { core(): CoreModel };
/** The model as wink-nlp takes it. */
type Model = Parameters<typeof import('wink-nlp').default>[0];
/** The part of the model's core that holds the vocabulary. */
interface CoreModel {
  features: { lexeme: Lexemes };
}

/**
 * wink's English model, its custom-entity tables made afresh on each load: the package's own loader stringifies
 * one table kept in its module anew on every call (escaped once more each time: 0.6 MB at the 11th load, past
 * V8's longest string at the 21st).
 */
function englishModel(require: NodeRequire): Loaders {
  const dist = 'wink-eng-lite-web-model/dist/';
  const metaCER = () => ({ machines: JSON.stringify(require(`${dist}languages/cur/models/eng-cer-meta-model.json`)), transformers: require(`${dist}cer-transformers.js`) as unknown });
  return { ...(require('wink-eng-lite-web-model') as Loaders), metaCER };
}

/**
 * Forgets the words wink-nlp met since the vocabulary held `known` of them: each body is read as by a fresh model.
 * Their entries stay in the list (wink-nlp's other tables are indexed alongside it), only their look-up goes.
 */
function forgetSince(lexemes: Lexemes, known: number): void {
  for (let i = known; i < lexemes.list.length; i++) {
    const word = lexemes.list[i]!;
    if (lexemes.hash[word] === i) delete lexemes.hash[word];
  }
}

/** Quotation marks: curly, straight, and the doubled apostrophes some outlets print (`''…''`). */
const MARK = /[“”"]|''/g;

/**
 * The quoted regions of each paragraph: `“…”`, `"…"`, `''…''`. A mark left open at a paragraph's end
 * closes there; when the next paragraph opens with a mark, the quotation goes on in it (news style
 * for a quotation over several paragraphs).
 */
function quotedRegions(body: string, paras: Array<{ start: number; end: number }>): Region[] {
  const out: Region[] = [];
  let leftOpen = false;
  paras.forEach((p, para) => {
    const text = body.slice(p.start, p.end);
    const continues = leftOpen && /^(?:[“"]|'')/.test(text);
    let open: { at: number; length: number } | null = null;
    for (const m of text.matchAll(MARK)) {
      const at = p.start + m.index;
      if (!open && m[0] !== '”') open = { at, length: m[0].length };
      else if (open && m[0] !== '“') {
        pushRegion(body, out, { open: open.at, close: at + m[0].length, start: open.at + open.length, end: at, para, continued: continues && open.at === p.start });
        open = null;
      }
    }
    leftOpen = open !== null;
    if (open) pushRegion(body, out, { open: open.at, close: p.end, start: open.at + open.length, end: p.end, para, continued: continues && open.at === p.start });
  });
  return out;
}

/** Adds a region, its words trimmed of spaces and of a trailing comma, if any are left. */
function pushRegion(body: string, out: Region[], g: Region): void {
  while (g.start < g.end && /\s/.test(body[g.start]!)) g.start++;
  while (g.end > g.start && /[\s,]/.test(body[g.end - 1]!)) g.end--;
  if (g.end > g.start) out.push(g);
}
