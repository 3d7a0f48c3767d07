import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/index.js';
import { type OpenArchive, openArchive } from '../../src/openArchive.js';
import { runIngest } from '../../src/pg/commands.js';
import { type TestArticle, removeDir, tempCorpus } from '../discord/botProcess.js';
import { TEST_ARTICLES } from '../discord/e2e.js';
import { tempDir } from '../support/tempDir.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();
const DEV = new URL('../../../shared/eval/quotes/dev_ant.jsonl', import.meta.url);

/** The dev set's news articles (five outlets, Arabic titles, several on one day), when ../shared is there. */
function devArticles(): TestArticle[] {
  if (!existsSync(DEV)) return [];
  return readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const { id, title, source, date, body } = JSON.parse(line) as TestArticle;
      return { id, title, source, date, body };
    });
}

/** What is typed into `/summary article:`, and how many choices are asked for. */
const TYPED: Array<[string, number]> = [
  ['', 25],
  ['', 3],
  ['إيران', 25],
  ['ايران', 25],
  ['إِيرَان', 25],
  ['خامنئي', 25],
  ['مدرب', 25],
  ['القمح', 25],
  ['محصول القمح في حلب', 25],
  ['  الأركان  ', 25],
  ['ا', 7],
  ['Brexit', 25],
  ['BREXIT', 25],
  ['sk-sport', 25],
  ['e2e-wheat-2', 25],
  ['كرة القدم البرازيلية', 25],
];

/** What is typed into `/ask source:`. */
const SOURCES_TYPED = ['', 'x', 'wire 0', 'WIRE 1', 'iran', 'sky', 'bbc', 'إيران'];

describe('the archive’s catalog on PostgreSQL (seed, test articles and the news dev set)', () => {
  const corpusDir = tempCorpus([...TEST_ARTICLES, ...devArticles()]);
  const cacheDir = tempDir('pg-catalog-cache-', afterAll);
  let embedded: OpenArchive;
  let postgres: OpenArchive;

  beforeAll(async () => {
    embedded = await openArchive({ corpusDir, cacheDir }, silentLogger);
    const { url, pool } = await freshDatabase(server());
    expect(await runIngest([corpusDir], { DATABASE_URL: url }, silentLogger)).toBe(0);
    postgres = await openArchive({ pool }, silentLogger);
  }, 60_000);
  afterAll(() => removeDir(corpusDir));

  it('opens PostgreSQL without an embedded engine, and counts what the embedded engine counts', () => {
    expect(postgres.engine).toBeNull();
    const { articles, passages, sources, quotations, firstDate, lastDate } = embedded.catalog.stats();
    expect(articles).toBeGreaterThan(30);
    expect(firstDate).not.toBeNull();
    expect(postgres.catalog.stats()).toMatchObject({ articles, passages, sources, quotations, firstDate, lastDate });
  });

  it('lists the same sources, sorted', async () => {
    const sources = await embedded.catalog.sources();
    expect(sources).toContain('Iran International');
    expect(await postgres.catalog.sources()).toEqual(sources);
  });

  it.each(SOURCES_TYPED)('offers the same sources for %j typed', async (typed) => {
    expect(await postgres.search.findSources(typed, 25)).toEqual(await embedded.search.findSources(typed, 25));
  });

  it.each(TYPED)('offers the same articles, newest first, for %j typed (%i at most)', async (typed, limit) => {
    const expected = await embedded.catalog.findArticles(typed, limit);
    expect(await postgres.catalog.findArticles(typed, limit)).toEqual(expected);
  });

  it('finds articles by a title word written with or without hamza and tashkeel, and by id', async () => {
    const titles = async (typed: string) => (await postgres.catalog.findArticles(typed, 25)).map((a) => a.title);
    expect(await titles('إِيرَان')).toEqual(await titles('ايران'));
    expect((await titles('ايران')).length).toBeGreaterThan(1);
    expect(await postgres.catalog.findArticles('e2e-wheat-2', 25)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'e2e-wheat-2' })]));
  });
});
