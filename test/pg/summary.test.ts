import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/index.js';
import { runIngest } from '../../src/pg/commands.js';
import { postgresAsk } from '../../src/pg/search.js';
import { removeDir, tempCorpus } from '../discord/botProcess.js';
import { TEST_ARTICLES } from '../discord/e2e.js';
import { tempDir } from '../support/tempDir.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { QUOTES_DIR, corpusFolder, devFile } from './devArchive.js';

const server = useEmbeddedServer();

/** The dev files whose articles the summaries are compared on: EASC's and every quotation file's (Arabic and English). */
const DEV_FILES = ['summaries/easc-dev.jsonl', ...['dev_ant', 'dev_ant2', 'dev_jawhara', 'en_polnear_dev', 'seed'].map((name) => `quotes/${name}.jsonl`)];

const corpusDir = tempCorpus(TEST_ARTICLES);
afterAll(() => removeDir(corpusDir));

describe('summaries on PostgreSQL', () => {
  it('summarises every article, by id, by title and by part of a title, with the embedded engine\'s sentences, speakers and failures', async () => {
    const embedded = await createEngine({ corpusDir, cacheDir: tempDir('pg-summary-cache-'), logger: silentLogger });
    const { url, pool } = await freshDatabase(server());
    expect(await runIngest([corpusDir], { DATABASE_URL: url }, silentLogger)).toBe(0);
    const summaries = postgresAsk(pool);
    const articles = embedded.findArticles('', 1000);
    expect(articles.length).toBeGreaterThan(3);
    const asked = articles.flatMap((a) => [a.id, a.title, a.title.split(' ').slice(0, 2).join(' '), a.title.split(' ').slice(-1)[0]!]);
    const outcomes = new Set<string>();
    for (const wanted of [...asked, 'لا مقال بهذا العنوان', '  ']) {
      const expected = embedded.summarizeArticle(wanted);
      expect(await summaries.summarizeArticle(wanted), wanted).toEqual(expected);
      outcomes.add(expected.ok ? 'ok' : expected.reason.kind);
    }
    expect(await summaries.summarizeArticle(articles[0]!.id, 2)).toEqual(embedded.summarizeArticle(articles[0]!.id, 2));
    expect(await summaries.summarizeArticle(articles[0]!.id, 0)).toEqual(embedded.summarizeArticle(articles[0]!.id, 0));
    expect([...outcomes].sort()).toEqual(['ambiguous-title', 'ok', 'unknown-article']);
  }, 60_000);

  it('summarises a topic with the embedded engine\'s sentences, citations and sources', async () => {
    const embedded = await createEngine({ corpusDir, cacheDir: tempDir('pg-summary-cache-'), logger: silentLogger });
    const { url, pool } = await freshDatabase(server());
    expect(await runIngest([corpusDir], { DATABASE_URL: url }, silentLogger)).toBe(0);
    const summaries = postgresAsk(pool);
    const topics: Array<[string, number?]> = [['الاتفاق النووي'], ['القمح', 3], ['التعاون العسكري بين إيران وروسيا', 10], ['محصول الزيتون'], ['كرة القدم البرازيلية'], ['!!'], ['القمح', 11]];
    let answered = 0;
    for (const [topic, sentences] of topics) {
      const expected = embedded.summarizeTopic(topic, sentences);
      expect(await summaries.summarizeTopic(topic, sentences), topic).toEqual(expected);
      if (expected.ok && expected.sentences.length) answered++;
    }
    expect(answered).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it.skipIf(!existsSync(QUOTES_DIR))('summarises every article of the dev sets, and topics from their titles, as the embedded engine does (Arabic and English)', async () => {
    const articles = DEV_FILES.flatMap((file) => devFile(file).articles);
    const devDir = corpusFolder(articles);
    const embedded = await createEngine({ corpusDir: devDir, cacheDir: tempDir('pg-summary-cache-'), logger: silentLogger });
    const { url, pool } = await freshDatabase(server());
    expect(await runIngest([devDir], { DATABASE_URL: url }, silentLogger)).toBe(0);
    const summaries = postgresAsk(pool);
    expect(embedded.findArticles('', 10_000).length).toBe(articles.length);
    for (const { id } of articles) expect(await summaries.summarizeArticle(id), id).toEqual(embedded.summarizeArticle(id));
    let answered = 0;
    for (const { title } of articles.filter((_, i) => i % 4 === 0)) {
      const expected = embedded.summarizeTopic(title);
      expect(await summaries.summarizeTopic(title), title).toEqual(expected);
      if (expected.ok && expected.sentences.length) answered++;
    }
    expect(answered).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
