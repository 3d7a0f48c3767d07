import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.js';
import { readerDatabase, useEmbeddedServer } from '../pg/database.js';
import { removeDir, startBot, tempCorpus, type BotProcess } from './botProcess.js';
import { buttonsOf } from './commandHelpers.js';
import { TEST_ARTICLES, WHEAT_QUESTION, WIRE_SOURCES, failOnMalformedBodies } from './e2e.js';

const server = useEmbeddedServer();
const GUILD = '600000000000000000';

describe('paging buttons with PostgreSQL (DATABASE_URL)', () => {
  let fake: FakeDiscord;
  let corpusDir: string;
  let databaseUrl: string;
  const bots: BotProcess[] = [];
  const start = async () => {
    const bot = await startBot(fake, { corpusDir, env: { DATABASE_URL: databaseUrl } });
    bots.push(bot);
    return bot;
  };

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus(TEST_ARTICLES);
    databaseUrl = await readerDatabase(server(), corpusDir);
  });

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('turns the page when the click reaches a process other than the one that answered', async () => {
    const first = await start();
    const asked = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION }, guildId: GUILD });
    const answer = (await fake.waitForReply(asked.id, { timeout: 10_000 })).message;
    expect(answer.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${WIRE_SOURCES.length}`);
    // The shard moves to a new process (a redeploy): the one that answered is gone.
    expect((await first.stop()).code).toBe(0);
    const second = await start();

    const next = buttonsOf(answer).find((b) => /Next/.test(b.label ?? ''))!;
    const click = fake.sendButton({ customId: next.custom_id, message: answer, guildId: GUILD });
    const turned = await fake.waitForReply(click.id, { timeout: 10_000 });
    expect(turned.message.embeds.at(-1)?.footer?.text).toBe(`4–6 of ${WIRE_SOURCES.length}`);
    expect(await second.waitForLog(new RegExp(`"interaction":"${click.id}".*"command served"`))).toContain('"outcome":"ok"');
  });
});
