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
  private nlp: WinkMethods | null = null;
  private readonly names = new NameBook();

  /** The body tokenised, tagged and split into sentences, paragraphs and quoted regions. */
  parse(body: string): EnglishDoc {
    const nlp = (this.nlp ??= loadWink());
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

function loadWink(): WinkMethods {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  return winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos']);
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
