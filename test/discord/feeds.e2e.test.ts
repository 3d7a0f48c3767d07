import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, type Invoker, startFakeDiscord } from '../support/fakeDiscord.js';
import type { CommandOption } from '../support/options.js';
import { articlePage, BRIDGE, DESALINATION, type Item, rss } from '../feeds/fixtures.js';
import { type FixtureServer, serve, startFixtureServer } from '../feeds/fixtureServer.js';
import { type BotProcess, removeDir, startBot, tempCorpus } from './botProcess.js';
import { freePort } from './commandHelpers.js';
import { failOnMalformedBodies, messageRequests, waitForMessages } from './e2e.js';

const GUILD = '500000000000000001';
const MANAGER: Invoker = { guildId: GUILD, permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.UseApplicationCommands };
const MEMBER: Invoker = { guildId: GUILD };
const CHANNEL_MANAGER: Invoker = { guildId: GUILD, permissions: PermissionFlagsBits.ManageChannels | PermissionFlagsBits.UseApplicationCommands };
/** The channel that follows the desalination story, and one that follows something else. */
const ALERTS = '400000000000000011';
const QUIET = '400000000000000012';
const REPLY = { timeout: 15_000 };
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const XML = { 'content-type': 'application/rss+xml' };

/** `/archive feeds <sub>` with its string options, as Discord sends a sub-command group. */
function feedsOptions(sub: string, values: Record<string, string> = {}): CommandOption[] {
  const options = Object.entries(values).map(([name, value]) => ({ type: ApplicationCommandOptionType.String as const, name, value }));
  return [{ type: ApplicationCommandOptionType.SubcommandGroup, name: 'feeds', options: [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options }] }];
}

describe('feeds and follows through the real bot process and the fake Discord', () => {
  let fake: FakeDiscord;
  let server: FixtureServer;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  let port: number;
  const items: Item[] = [];

  const feeds = async (sub: string, values: Record<string, string> = {}, invoker: Invoker = MANAGER) => {
    const interaction = fake.sendSlashCommand({ name: 'archive', options: feedsOptions(sub, values), ...invoker });
    return (await fake.waitForReply(interaction.id, REPLY)).message;
  };
  /** The first answer's embed text to `/ask question`, or '' when the archive has none. */
  const askText = async (question: string) => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question } });
    const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
    return messages.flatMap((m) => [m.content, ...m.embeds.map((e) => `${e.title ?? ''}\n${e.url ?? ''}\n${e.description ?? ''}`)]).join('\n');
  };

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    server = await startFixtureServer();
    server.route('/rss', (request, response) => serve(rss(items), XML)(request, response));
    server.route('/bridge', serve(articlePage({ title: 'Harbour bridge reopens', paragraphs: BRIDGE, lang: 'en', published: '2026-12-01T07:00:00Z' }), HTML));
    server.route('/desal', serve(articlePage({ title: 'محطة تحلية المياه في العقبة', paragraphs: DESALINATION, published: '2026-12-02T07:00:00Z' }), HTML));
    items.push({ title: 'Harbour bridge reopens', link: `${server.origin}/bridge`, summary: 'The bridge reopened.', date: '2026-12-01T07:00:00Z' });
    fake = await startFakeDiscord();
    corpusDir = tempCorpus();
    writeFileSync(join(corpusDir, 'feeds.yaml'), `# followed by the e2e test\nfeeds:\n  - url: ${server.origin}/rss\n    source: Aqaba Daily\n    interval: 30s\n`);
    port = await freePort();
    bot = await startBot(fake, { corpusDir, env: { RATE_LIMIT_PER_MINUTE: '1000', FEEDS_ALLOW_PRIVATE: 'true', HEALTH_PORT: String(port) } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await server?.close();
    removeDir(corpusDir);
  });

  it('/follow add|list|stop manage a channel\'s follows, for Manage Channels only', async () => {
    const follow = async (sub: string, values: Record<string, string>, invoker: Invoker) => {
      const options = [{ type: ApplicationCommandOptionType.Subcommand as const, name: sub, options: Object.entries(values).map(([name, value]) => ({ type: ApplicationCommandOptionType.String as const, name, value })) }];
      const interaction = fake.sendSlashCommand({ name: 'follow', options, ...invoker });
      return (await fake.waitForReply(interaction.id, REPLY)).message.content;
    };
    expect(await follow('add', { query: 'تحلية المياه' }, { ...CHANNEL_MANAGER, channelId: ALERTS })).toMatch(/^Following “تحلية المياه” here \(id `[0-9a-f]{8}`\)/);
    expect(await follow('add', { query: 'كرة السلة' }, { ...CHANNEL_MANAGER, channelId: QUIET })).toMatch(/^Following “كرة السلة” here/);
    expect(await follow('add', { query: 'تحلية المياه' }, { ...CHANNEL_MANAGER, channelId: ALERTS })).toBe('Not added: this channel follows that query already.');
    expect(await follow('add', { query: 'زيت الزيتون' }, { ...CHANNEL_MANAGER, channelId: QUIET })).toMatch(/^Following “زيت الزيتون” here/);
    const listed = await follow('list', {}, { ...CHANNEL_MANAGER, channelId: QUIET });
    expect(listed).toMatch(/^This channel follows:\n`[0-9a-f]{8}` “كرة السلة”\n`[0-9a-f]{8}` “زيت الزيتون”\n/);
    const id = /`([0-9a-f]{8})` “زيت الزيتون”/.exec(listed)![1]!;
    expect(await follow('stop', { id }, { ...CHANNEL_MANAGER, channelId: QUIET })).toBe(`Stopped follow \`${id}\`.`);
    expect(await follow('stop', { id }, { ...CHANNEL_MANAGER, channelId: QUIET })).toBe('This channel has no follow with that id: see `/follow list`.');
    expect(await follow('add', { query: 'x y' }, MEMBER)).toBe('`/follow` needs the *Manage Channels* permission in this channel.');
  });

  it('answers /ask from an item added to a followed feed (30 s poll interval) within 60 s', async () => {
    await bot!.waitForLog(/"added":1,.*"msg":"feed fetched"/, 30_000);
    items.unshift({ title: 'محطة تحلية المياه في العقبة', link: `${server.origin}/desal`, summary: 'ملخص', date: '2026-12-02T07:00:00Z' });
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline && !text.includes('ثلاثمئة مليون متر مكعب')) {
      text = await askText('محطة تحلية المياه في العقبة');
      if (!text.includes('ثلاثمئة مليون متر مكعب')) await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(text).toContain('ثلاثمئة مليون متر مكعب');
    expect(text).toContain('Aqaba Daily');
    expect(text).toContain(`${server.origin}/desal`);
  }, 120_000);

  it('posts the new item once in the channel following its query, and nothing in the channel following another', async () => {
    const posts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
    const deadline = Date.now() + 20_000;
    while (!posts(ALERTS).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const [alert, ...more] = posts(ALERTS);
    expect(more).toEqual([]);
    const embed = (alert!.body as { embeds: Array<{ title: string; url: string; description: string }> }).embeds[0]!;
    expect(embed).toMatchObject({ title: 'محطة تحلية المياه في العقبة', url: `${server.origin}/desal` });
    expect(embed.description).toMatch(/^Aqaba Daily · 2 December 2026\n\n> .*\*\*تحلية\*\* \*\*المياه\*\*/);
    expect(posts(QUIET)).toEqual([]);
    // Delivered: the fake Discord stored it in the channel, as the bot's own message.
    expect(alert!.status).toBe(200);
    expect(fake.channelMessages.filter((m) => m.channel_id === ALERTS).map((m) => m.embeds[0]?.title)).toEqual(['محطة تحلية المياه في العقبة']);
    expect(fake.channelMessages.filter((m) => m.channel_id === QUIET)).toEqual([]);
  }, 40_000);

  it('/archive feeds list shows each feed with its last and next fetch, articles added and last error', async () => {
    const message = await feeds('list');
    const [field] = message.embeds[0]!.fields!;
    expect(field!.name).toBe('Aqaba Daily');
    expect(field!.value).toContain(`\`${server.origin}/rss\``);
    expect(field!.value).toMatch(/every 30s · last fetch <t:\d+:R> · next <t:\d+:R>/);
    expect(field!.value).toContain('articles added 2, updated 0');
    expect(field!.value).toMatch(/✅ last success <t:\d+:R>/);
  });

  it('publishes per-feed metrics on /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const feed = `feed="${server.origin}/rss"`;
    expect(metrics).toMatch(new RegExp(`feed_fetches_total\\{${feed},outcome="ok"\\} [1-9]`));
    expect(metrics).toContain(`feed_articles_total{${feed},kind="added"} 2`);
    expect(metrics).toMatch(new RegExp(`feed_last_success_timestamp_seconds\\{${feed}\\} \\d+`));
  });

  it('/archive feeds add follows a feed (written to feeds.yaml, comments kept), and its errors show in the list', async () => {
    const added = await feeds('add', { url: `${server.origin}/missing`, source: 'Missing Wire', lang: 'en', interval: '1h' });
    expect(added.content).toBe(`Following \`${server.origin}/missing\` as Missing Wire, every 1h. The first fetch starts now: see \`/archive feeds list\`.`);
    expect(readFileSync(join(corpusDir, 'feeds.yaml'), 'utf8')).toMatch(/^# followed by the e2e test\n[\s\S]*url: http:\/\/127\.0\.0\.1:\d+\/missing\n\s+source: Missing Wire\n\s+lang: en\n\s+interval: 1h/);
    expect((await feeds('add', { url: `${server.origin}/missing`, source: 'Again' })).content).toBe(`${server.origin.replace('http://', 'http\u200B://')}/missing is already followed.`);
    await bot!.waitForLog(/\/missing".*"msg":"feed fetch failed"/, 15_000);
    const [, missing] = (await feeds('list')).embeds[0]!.fields!;
    expect(missing!.value).toMatch(/⚠️ 1 failure\(s\) in a row: HTTP 404/);
  });

  it.each([
    [{ url: 'ftp://example.com/rss', source: 'X' }, '`url`: expected an http:// or https:// URL.'],
    [{ url: 'https://example.com/rss', source: 'X', interval: 'often' }, '`interval`: expected a number and a unit: 30s, 10m, 2h or 1d.'],
    [{ url: 'https://example.com/rss', source: 'X', interval: '1s' }, '`interval`: expected at least 5s.'],
    [{ url: 'https://example.com/rss', source: 'X', lang: 'english' }, '`lang`: expected a language code such as ar, en or fa.'],
  ])('/archive feeds add %o is refused with what to fix', async (values, message) => {
    expect((await feeds('add', values)).content).toBe(message);
  });

  it('/archive feeds remove stops following; the articles stay; /archive stats shows the feeds', async () => {
    const removed = await feeds('remove', { url: `${server.origin}/missing` });
    expect(removed.content).toContain('No longer following');
    expect(readFileSync(join(corpusDir, 'feeds.yaml'), 'utf8')).not.toContain('/missing');
    expect((await feeds('remove', { url: `${server.origin}/missing` })).content).toBe('That feed is not followed: see `/archive feeds list`.');
    expect(await askText('Harbour bridge reopened')).toContain('eighteen months of repairs');
    const stats = fake.sendSlashCommand({ name: 'archive', options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'stats', options: [] }], ...MANAGER });
    const feedsField = (await fake.waitForReply(stats.id, REPLY)).message.embeds[0]!.fields!.find((f) => f.name === 'Feeds');
    expect(feedsField?.value).toMatch(/^1 followed, 0 failing · last fetch <t:\d+:R>$/);
  });

  it('refuses members without Manage Server and DMs', async () => {
    expect((await feeds('list', {}, MEMBER)).content).toBe('`/archive` needs the *Manage Server* permission in this server.');
    expect((await feeds('list', {}, {})).content).toMatch(/works only in a server/);
    for (const { request, body } of messageRequests(fake)) {
      expect(request.status, request.path).toBeLessThan(400);
      expect(body.allowed_mentions, request.path).toEqual({ parse: [] });
    }
    // The fake serves no channel route: the alert got a 404 there, after its body was checked against Discord's spec.
    expect(fake.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
