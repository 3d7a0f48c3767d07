/**
 * The archive's on-disk cache: article bodies as UTF-8 bytes, passages, postings and quotations as
 * typed arrays, and a small JSON header (article metadata, corpus problems, speakers). Loading
 * reads the index arrays as they are; article text is read from disk in the background (until it is
 * in memory, a body or passage is read from the file when shown or re-ranked), and the quotations
 * are read when the quote index is first needed. Start-up time follows the index, not the text.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Archive, completeArchive } from '../archive.js';
import { type OpenFiles, type SectionArray, type SectionFile, readSections, writeSections } from './cacheFile.js';
import { Numbering } from '../util/numbering.js';
import { PassageTable } from '../passages/table.js';
import { QuoteIndex, flagsRead, rowFlags, type QuoteIndexData } from '../quotes/index.js';
import { type FieldPostings, PassageIndex } from '../search/index/passageIndex.js';
import { type Article, type ArticleRef, type CorpusProblem, articleRef } from '../types.js';
import { LOAD_LIMITS } from '../options.js';

/** Bumped whenever the cached layout or the analysis changes, so stale caches are rebuilt. */
export const CACHE_VERSION = 11;

/** What the JSON header holds; everything large is a binary section. */
interface CacheHeader {
  version: number;
  fingerprint: string;
  /** The `meta` of the articles that have one, by article number (the other fields are columns). */
  metas: Record<number, Record<string, unknown>>;
  problems: CorpusProblem[];
  quotes: {
    /** The quote index's articles when they differ from `articles` (they never do when built by `buildArchive`). */
    articles?: ArticleRef[];
    failed?: QuoteIndexData['failed'];
    speakers: QuoteIndexData['speakers'];
  };
}

/** What a cache file gives back: the archive and the corpus problems found when it was built. */
export interface CachedArchive {
  archive: Archive;
  problems: CorpusProblem[];
}


function cacheFile(cacheDir: string, fingerprint: string): string {
  return join(cacheDir, `archive-v${CACHE_VERSION}-${fingerprint.slice(0, 16)}.idx`);
}

/** Writes the archive (and the corpus problems met building it) to the cache folder atomically; removes older cache files. */
export async function saveArchive(archive: Archive, problems: CorpusProblem[], cacheDir: string, fingerprint: string): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const articles = [...archive.articles.values()];
  const encoder = new TextEncoder();
  // A body read from the cache is decoded on each read: read each one once.
  const texts = articles.map((a) => a.body);
  const bodyStart = new Float64Array(articles.length + 1);
  texts.forEach((body, i) => (bodyStart[i + 1] = bodyStart[i]! + Buffer.byteLength(body)));
  // Encoded straight into one buffer: no second copy of every body while saving.
  const bodyBytes = new Uint8Array(bodyStart[articles.length]!);
  texts.forEach((body, i) => encoder.encodeInto(body, bodyBytes.subarray(bodyStart[i]!, bodyStart[i + 1]!)));
  const { passages } = archive;
  const { byteStart, byteEnd } = passageBytes(texts, passages);
  const quotes = archive.quotes.toData();
  const sameArticles = quotes.articles.length === articles.length && quotes.articles.every((ref, i) => ref.id === articles[i]!.id);
  const { terms, text, title, firstPassage } = archive.index.data;
  const header: CacheHeader = {
    version: CACHE_VERSION,
    fingerprint,
    metas: Object.fromEntries(articles.flatMap((a, i) => (a.meta ? [[i, a.meta]] : []))),
    problems,
    quotes: { ...(sameArticles ? {} : { articles: quotes.articles }), failed: quotes.failed, speakers: quotes.speakers },
  };
  const file = cacheFile(cacheDir, fingerprint);
  await writeSections(file, header, {
    ...articleColumns(articles),
    bodyBytes,
    bodyStart,
    'passage.article': passages.article,
    'passage.start': passages.start,
    'passage.end': passages.end,
    'passage.byteStart': byteStart,
    'passage.byteEnd': byteEnd,
    'passage.copyKey': passages.copyKeys,
    ...passageSpeakers(archive),
    ...packStrings('terms', terms),
    firstPassage,
    ...fieldSections('text', text),
    ...fieldSections('title', title),
    ...quoteSections(quotes),
  });
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith('archive-') && join(cacheDir, name) !== file) await rm(join(cacheDir, name), { force: true });
  }
  return file;
}

/**
 * Loads the archive cached for this fingerprint, or returns null when there is none or it is unreadable; a file that is
 * there but damaged (cut short, overwritten, of another build) is reported through `onDamaged` before it is rebuilt.
 * The file stays open for the parts left on disk (texts, quotations) until `openFiles` closes it.
 */
export async function loadArchive(cacheDir: string, fingerprint: string, openFiles: OpenFiles, onDamaged: (reason: string) => void = () => undefined): Promise<CachedArchive | null> {
  const file = cacheFile(cacheDir, fingerprint);
  const read = await readSections(file, openFiles, (name) => name === 'bodyBytes' || name.startsWith('quote.'));
  if (!read) {
    if (await stat(file).catch(() => null)) onDamaged('not a complete cache file (cut short or overwritten)');
    return null;
  }
  const header = read.header as CacheHeader;
  if (header?.version !== CACHE_VERSION || header.fingerprint !== fingerprint) {
    onDamaged(`its header is for another build (version ${String(header?.version)})`);
    return null;
  }
  try {
    return restore(header, read);
  } catch (error) {
    onDamaged((error as Error).message);
    return null;
  }
}

type Section = <T extends SectionArray>(name: string, kind: new (n: number) => T) => T;

/**
 * Typed access to the sections, those left on disk loaded on first access; throws when one is
 * missing or of another kind (a damaged cache: it is rebuilt).
 */
function sectionReader({ sections, onDisk }: SectionFile): Section {
  const loaded = new Map<string, SectionArray>();
  return (name, kind) => {
    let array = sections[name] ?? loaded.get(name);
    if (!array && onDisk[name]) loaded.set(name, (array = onDisk[name].load()));
    if (!(array instanceof kind)) throw new Error(`cache section ${name} missing`);
    return array;
  };
}

function restore(header: CacheHeader, file: SectionFile): CachedArchive {
  const section = sectionReader(file);
  const decoder = new TextDecoder();
  const bodyBytes = file.onDisk.bodyBytes;
  if (!bodyBytes) throw new Error('cache section bodyBytes missing');
  // The first answers read text from disk; soon after start-up it is brought into memory, so later ones do not pay a read each.
  setTimeout(() => void bodyBytes.preload(), LOAD_LIMITS.preloadDelayMs).unref();
  const bodyStart = section('bodyStart', Float64Array);
  const articles = storedArticles(header, section, (i) => decoder.decode(bodyBytes.bytes(bodyStart[i]!, bodyStart[i + 1]!)));
  const spans = {
    article: section('passage.article', Uint32Array),
    start: section('passage.start', Uint32Array),
    end: section('passage.end', Uint32Array),
    copyKeys: section('passage.copyKey', Uint32Array),
  };
  const byteStart = section('passage.byteStart', Uint32Array);
  const byteEnd = section('passage.byteEnd', Uint32Array);
  const passages = new PassageTable(
    articles.map((a) => a.id),
    spans,
    (n) => {
      const base = bodyStart[spans.article[n]!]!;
      return decoder.decode(bodyBytes.bytes(base + byteStart[n]!, base + byteEnd[n]!));
    },
  );
  const field = (name: string): FieldPostings => ({
    start: section(`${name}.start`, Uint32Array),
    docs: section(`${name}.docs`, Uint32Array),
    tfs: section(`${name}.tfs`, Uint8Array),
    lengths: section(`${name}.lengths`, Uint16Array),
  });
  const index = new PassageIndex({ terms: unpackStrings('terms', section), text: field('text'), title: field('title'), firstPassage: section('firstPassage', Uint32Array) });
  const quoteCount = file.onDisk['quote.article']?.length ?? section('quote.article', Uint32Array).length;
  const speakers = unpackStrings('passage.speakers', section);
  const passageSpeaker = section('passage.speaker', Int32Array);
  const archive = completeArchive({
    articles: new Map(articles.map((a) => [a.id, a])),
    passages,
    index,
    quotes: () => QuoteIndex.fromData(quoteData(header, articles, section)),
    quotationCount: quoteCount,
    speakerOf: (n) => speakers[passageSpeaker[n]!],
  });
  return { archive, problems: header.problems };
}

/** The text fields of articles, one column each; `null` url or author is told apart from an empty one by `article.nulls`. */
const ARTICLE_COLUMNS = ['id', 'title', 'date', 'source', 'url', 'lang', 'author', 'file'] as const;

function articleColumns(articles: readonly Article[]): Record<string, SectionArray> {
  const columns: Record<string, SectionArray> = {};
  for (const name of ARTICLE_COLUMNS) Object.assign(columns, packStrings(`article.${name}`, articles.map((a) => a[name] ?? '')));
  columns['article.nulls'] = Uint8Array.from(articles, (a) => (a.url === null ? 1 : 0) | (a.author === null ? 2 : 0));
  return columns;
}

/** Articles read back from their columns; a body is read from the cache (`bodyOf`) each time it is asked for. */
function storedArticles(header: CacheHeader, section: Section, bodyOf: (article: number) => string): Article[] {
  const [id, title, date, source, url, lang, author, file] = ARTICLE_COLUMNS.map((name) => unpackStrings(`article.${name}`, section));
  const nulls = section('article.nulls', Uint8Array);
  return id!.map((_, i) => new StoredArticle(i, bodyOf, {
    id: id![i]!,
    title: title![i]!,
    date: date![i]!,
    source: source![i]!,
    url: nulls[i]! & 1 ? null : url![i]!,
    lang: lang![i]!,
    author: nulls[i]! & 2 ? null : author![i]!,
    file: file![i]!,
    ...(header.metas[i] ? { meta: header.metas[i] } : {}),
  }));
}

/** An article from the cache: every field in memory but the body, read from the cache file when asked for. */
class StoredArticle implements Article {
  id!: string;
  title!: string;
  date!: string;
  source!: string;
  url!: string | null;
  lang!: string;
  author!: string | null;
  file!: string;
  meta?: Record<string, unknown>;
  readonly #number: number;
  readonly #bodyOf: (article: number) => string;

  constructor(number: number, bodyOf: (article: number) => string, fields: Omit<Article, 'body'>) {
    Object.assign(this, fields);
    this.#number = number;
    this.#bodyOf = bodyOf;
  }

  get body(): string {
    return this.#bodyOf(this.#number);
  }
}

/** UTF-8 offsets of each passage within its article's encoded body. */
function passageBytes(bodies: readonly string[], passages: PassageTable): { byteStart: Uint32Array; byteEnd: Uint32Array } {
  const byteStart = new Uint32Array(passages.length);
  const byteEnd = new Uint32Array(passages.length);
  let n = 0;
  bodies.forEach((body, a) => {
    const first = n;
    while (n < passages.length && passages.article[n] === a) n++;
    const offsets = [...new Set([...passages.start.subarray(first, n), ...passages.end.subarray(first, n)])].sort((x, y) => x - y);
    const bytes = new Map<number, number>();
    let previous = 0;
    let count = 0;
    for (const offset of offsets) {
      count += Buffer.byteLength(body.slice(previous, offset));
      bytes.set(offset, count);
      previous = offset;
    }
    for (let p = first; p < n; p++) {
      byteStart[p] = bytes.get(passages.start[p]!)!;
      byteEnd[p] = bytes.get(passages.end[p]!)!;
    }
  });
  return { byteStart, byteEnd };
}

/** The speaker of each passage's quotation (-1: none) and the speakers' names: /ask shows them without the quote index. */
function passageSpeakers(archive: Archive): Record<string, SectionArray> {
  const names = new Numbering();
  const speaker = Int32Array.from({ length: archive.passages.length }, (_, n) => names.number(archive.speakerOf?.(n) ?? null));
  return { 'passage.speaker': speaker, ...packStrings('passage.speakers', names.values) };
}

function fieldSections(name: string, field: FieldPostings): Record<string, SectionArray> {
  return { [`${name}.start`]: field.start, [`${name}.docs`]: field.docs, [`${name}.tfs`]: field.tfs, [`${name}.lengths`]: field.lengths };
}

/** A list of strings as one UTF-8 block and the character offset where each ends. */
function packStrings(name: string, strings: readonly string[]): Record<string, SectionArray> {
  const ends = new Float64Array(strings.length);
  let end = 0;
  strings.forEach((s, i) => (ends[i] = end += s.length));
  return { [`${name}.chars`]: new TextEncoder().encode(strings.join('')), [`${name}.ends`]: ends };
}

function unpackStrings(name: string, section: Section): string[] {
  const all = new TextDecoder().decode(section(`${name}.chars`, Uint8Array));
  const ends = section(`${name}.ends`, Float64Array);
  const strings = new Array<string>(ends.length);
  for (let i = 0, start = 0; i < ends.length; start = ends[i++]!) strings[i] = all.slice(start, ends[i]);
  return strings;
}

/** The quotation rows as columns: numbers in typed arrays, texts and names as string blocks (-1: no speaker). */
function quoteSections(data: QuoteIndexData): Record<string, SectionArray> {
  const { quotes } = data;
  const names = new Numbering();
  return {
    'quote.article': Uint32Array.from(quotes, (q) => q.article),
    'quote.start': Uint32Array.from(quotes, (q) => q.start),
    'quote.end': Uint32Array.from(quotes, (q) => q.end),
    'quote.flags': Uint8Array.from(quotes, rowFlags),
    'quote.speaker': Int32Array.from(quotes, (q) => names.number(q.speaker)),
    'quote.speakerTitle': Int32Array.from(quotes, (q) => names.number(q.speakerTitle)),
    ...packStrings('quote.text', quotes.map((q) => q.text)),
    ...packStrings('quote.names', names.values),
    ...packStrings('quote.words', data.words),
    'quote.groupStart': data.groupStart,
    'quote.groupWords': data.groupWords,
    'quote.group': data.group,
  };
}

function quoteData(header: CacheHeader, articles: readonly Article[], section: Section): QuoteIndexData {
  const texts = unpackStrings('quote.text', section);
  const names = unpackStrings('quote.names', section);
  const [article, start, end] = ['article', 'start', 'end'].map((c) => section(`quote.${c}`, Uint32Array));
  const flags = section('quote.flags', Uint8Array);
  const speaker = section('quote.speaker', Int32Array);
  const speakerTitle = section('quote.speakerTitle', Int32Array);
  const name = (k: number) => (k < 0 ? null : names[k]!);
  return {
    version: 2,
    articles: header.quotes.articles ?? articles.map(articleRef),
    quotes: texts.map((text, i) => ({ article: article![i]!, start: start![i]!, end: end![i]!, text, ...flagsRead(flags[i]!), speaker: name(speaker[i]!), speakerTitle: name(speakerTitle[i]!) })),
    ...(header.quotes.failed ? { failed: header.quotes.failed } : {}),
    words: unpackStrings('quote.words', section),
    groupStart: section('quote.groupStart', Uint32Array),
    groupWords: section('quote.groupWords', Uint32Array),
    group: section('quote.group', Uint32Array),
    speakers: header.quotes.speakers,
  };
}
