import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { silentLogger } from '../../src/engine/index.js';
import { runIngest } from '../../src/pg/commands.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();
const cacheDir = mkdtempSync(join(tmpdir(), 'cli-pg-cache-'));
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

/** JSON answers (one document, or one a line for a batch) without speakers: quotations are not stored in PostgreSQL yet. */
function withoutSpeakers(stdout: string, batch = false): unknown {
  const parse = (text: string): unknown => JSON.parse(text, (key, value: unknown) => (key === 'speaker' ? undefined : value));
  return batch ? stdout.split('\n').map(parse) : parse(stdout);
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
      const embedded = await cli({}, 'ask', ...args, '--json');
      const postgres = await cli({ DATABASE_URL: databaseUrl }, 'ask', ...args, '--json');
      expect(postgres.status).toBe(embedded.status);
      expect(postgres.stderr).toBe(embedded.stderr);
      expect(withoutSpeakers(postgres.stdout)).toEqual(withoutSpeakers(embedded.stdout));
    });
  }

  it('answers a batch, a bad line on its own line, as the embedded engine does', async () => {
    const batch = join(mkdtempSync(join(tmpdir(), 'cli-pg-batch-')), 'questions.txt');
    writeFileSync(batch, 'التعاون العسكري\n!!\nموسكو\n');
    const embedded = await cli({}, 'ask', '--batch', batch, '--json');
    const postgres = await cli({ DATABASE_URL: databaseUrl }, 'ask', '--batch', batch, '--json');
    expect(postgres.status).toBe(0);
    expect(withoutSpeakers(postgres.stdout, true)).toEqual(withoutSpeakers(embedded.stdout, true));
  });

  it('says a command not served from PostgreSQL yet is not available, exit 2', async () => {
    const { status, stderr } = await cli({ DATABASE_URL: databaseUrl }, 'whosaid', 'ينمو ويتسع');
    expect(status).toBe(2);
    expect(stderr).toMatch(/not available on the PostgreSQL archive yet/);
  });

  it('says the archive is unavailable when PostgreSQL cannot be reached, exit 2', async () => {
    const { status, stderr } = await cli({ DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/none' }, 'ask', 'موسكو', '--json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/PostgreSQL archive is unavailable/);
  });
});
