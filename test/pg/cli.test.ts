import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { silentLogger } from '../../src/engine/index.js';
import { runIngest } from '../../src/pg/commands.js';
import { tempDir } from '../support/tempDir.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();
const cacheDir = tempDir('cli-pg-cache-', afterAll);
let databaseUrl = '';

beforeAll(async () => {
  databaseUrl = (await freshDatabase(server())).url;
  expect(await runIngest(['corpus'], { DATABASE_URL: databaseUrl }, silentLogger)).toBe(0);
});

/** The CLI run in-process: on the seed corpus folder, or on PostgreSQL when `databaseUrl` is given. */
async function cli(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { CORPUS_DIR: 'corpus', INDEX_CACHE_DIR: cacheDir, ...env }, isTTY: false, logger: silentLogger });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** JSON answers: one document, or one a line for a batch. */
function answers(stdout: string, batch = false): unknown {
  return batch ? stdout.split('\n').map((line) => JSON.parse(line) as unknown) : JSON.parse(stdout);
}

/** Quotations, partial, misspelt, reworded or not quoted at all, that whosaid is asked about. */
const QUOTES = [
  'ينمو ويتسع',
  'لم يكن هدف الروس التوصل الي اتفاق نووى',
  '«بارادة موسكو وليس بارادتنا»',
  'رئيس الأركان قال إن التعاون العسكري مع روسيا "ينمو ويتسع"',
  'قال إن هذا هو الحل',
  'It is what it is',
  '!!',
];

/** Runs a command on both engines and expects the same status, errors and JSON. */
async function expectSameAnswer(...argv: string[]) {
  const embedded = await cli({}, ...argv, '--json');
  const postgres = await cli({ DATABASE_URL: databaseUrl }, ...argv, '--json');
  expect(postgres.status).toBe(embedded.status);
  expect(postgres.stderr).toBe(embedded.stderr);
  expect(answers(postgres.stdout)).toEqual(answers(embedded.stdout));
  return embedded;
}

describe('cli ask with DATABASE_URL', () => {
  const questions: string[][] = [
    ['التعاون العسكري بين إيران وروسيا'],
    ['ينمو ويتسع', '--limit', '3'],
    ['رئيس الأركان', '--source', 'iran international', '--from', '2021-10-01', '--to', '2021-10-31'],
    ['كرة القدم البرازيلية'],
  ];
  for (const args of questions) {
    it(`prints the embedded engine's JSON for ${args.join(' ')}`, async () => {
      await expectSameAnswer('ask', ...args);
    });
  }

  it('answers a batch, a bad line on its own line, as the embedded engine does', async () => {
    const batch = join(tempDir('cli-pg-batch-'), 'questions.txt');
    writeFileSync(batch, 'التعاون العسكري\n!!\nموسكو\n');
    const embedded = await cli({}, 'ask', '--batch', batch, '--json');
    const postgres = await cli({ DATABASE_URL: databaseUrl }, 'ask', '--batch', batch, '--json');
    expect(postgres.status).toBe(0);
    expect(answers(postgres.stdout, true)).toEqual(answers(embedded.stdout, true));
  });

  it('summarises a topic as the embedded engine does', async () => {
    const { stdout } = await expectSameAnswer('summary', 'التعاون العسكري بين إيران وروسيا');
    expect(stdout).toMatch(/"cite"/);
    await expectSameAnswer('summary', 'موسكو', '--sentences', '2');
    await expectSameAnswer('summary', '!!');
  });

  it('gives the speaker of quoted passages, as the embedded engine does', async () => {
    const { stdout } = await expectSameAnswer('ask', 'قال', '--limit', '10');
    expect(stdout).toMatch(/"speaker"/);
  });

  it('answers whosaid as the embedded engine does: the same speakers, copies and scores', async () => {
    for (const quote of QUOTES) await expectSameAnswer('whosaid', quote);
  });

  it('answers quotes by speaker and by article as the embedded engine does', async () => {
    const speakers = await expectSameAnswer('quotes', 'باقري');
    expect(speakers.stdout).toMatch(/"quote"/);
    await expectSameAnswer('quotes', 'محمد');
    await expectSameAnswer('quotes', 'لا أحد بهذا الاسم');
    const found = await expectSameAnswer('whosaid', 'ينمو ويتسع');
    const { matches } = JSON.parse(found.stdout) as { matches: Array<{ article: { id: string } }> };
    await expectSameAnswer('quotes', '--article', matches[0]!.article.id);
    await expectSameAnswer('quotes', '--article', 'no-such-article');
  });

  it('summarises an article named by its id or its title as the embedded engine does, with the same sentences and speakers', async () => {
    const found = await expectSameAnswer('whosaid', 'ينمو ويتسع');
    const { id, title } = (JSON.parse(found.stdout) as { matches: Array<{ article: { id: string; title: string } }> }).matches[0]!.article;
    const byId = await expectSameAnswer('summary', '--article', id);
    expect(byId.stdout).toMatch(/"speaker"/);
    await expectSameAnswer('summary', '--article', id, '--sentences', '2');
    await expectSameAnswer('summary', '--article', title);
    await expectSameAnswer('summary', '--article', title.split(' ').slice(1, 3).join(' '));
    await expectSameAnswer('summary', '--article', 'لا مقال بهذا العنوان');
    await expectSameAnswer('summary', '--article', id, '--sentences', '11');
  });

  it('says the archive is unavailable when PostgreSQL cannot be reached, exit 2', async () => {
    const { status, stderr } = await cli({ DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/none' }, 'ask', 'موسكو', '--json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/PostgreSQL archive is unavailable/);
  });
});
