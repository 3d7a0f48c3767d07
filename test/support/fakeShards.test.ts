import { Client, Events, GatewayIntentBits } from 'discord.js';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes, type GatewayReceivePayload } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { shardForGuild, startFakeDiscord, type FakeDiscord, type ShardPair } from './fakeDiscord.js';

/** A guild id whose upper bits (`id >> 22`) are `n`, so that it belongs to shard `n % num_shards`. */
const guildWithHighBits = (n: number) => String((BigInt(n) << 22n) | 4095n);

/** How a raw gateway connection that sent IDENTIFY ended up: READY with its shard, or closed with a code. */
type Outcome = { ready: ShardPair | undefined } | { closed: number };

/** A raw WebSocket gateway client, so that tests can send what discord.js never would (bad shards, duplicates). */
class RawSession {
  private readonly socket: WebSocket;
  readonly outcome: Promise<Outcome>;

  constructor(fake: FakeDiscord, shard?: ShardPair) {
    this.socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    this.outcome = new Promise((resolve) => {
      this.socket.on('message', (data: Buffer) => {
        const payload = JSON.parse(data.toString()) as GatewayReceivePayload;
        if (payload.op === GatewayOpcodes.Hello) {
          const d = { token: 'fake-token', intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' }, ...(shard && { shard }) };
          this.socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d }));
        } else if (payload.op === GatewayOpcodes.Dispatch && payload.t === GatewayDispatchEvents.Ready) {
          resolve({ ready: payload.d.shard });
        }
      });
      this.socket.on('close', (code) => resolve({ closed: code }));
    });
  }

  /** Closes normally (1000), which ends the session. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close(1000);
    await closed;
  }
}

describe('the fake Discord shards like Discord', () => {
  let fake: FakeDiscord;
  const open: RawSession[] = [];
  const identify = (shard?: ShardPair) => {
    const session = new RawSession(fake, shard);
    open.push(session);
    return session.outcome;
  };

  beforeEach(async () => {
    fake = await startFakeDiscord({ recommendedShards: 4 });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await fake.stop();
  });

  it.each([
    { guild: guildWithHighBits(0), count: 2, shard: 0 },
    { guild: guildWithHighBits(1), count: 2, shard: 1 },
    { guild: guildWithHighBits(7), count: 4, shard: 3 },
    { guild: guildWithHighBits(8), count: 4, shard: 0 },
    { guild: '700000000000000000', count: 2, shard: 1 },
    { guild: '700000000000000000', count: 4, shard: 3 },
    { guild: '500000000000000001', count: 4, shard: 2 },
    { guild: undefined, count: 4, shard: 0 },
  ])('gives guild $guild to shard $shard of $count', ({ guild, count, shard }) => {
    expect(shardForGuild(guild, count)).toBe(shard);
  });

  it.each<{ name: string; live: ShardPair[]; next: ShardPair; outcome: Outcome }>([
    { name: 'an unsharded client', live: [], next: [0, 1], outcome: { ready: [0, 1] } },
    { name: 'the second shard of two', live: [[0, 2]], next: [1, 2], outcome: { ready: [1, 2] } },
    { name: 'a shard id equal to the count', live: [], next: [2, 2], outcome: { closed: GatewayCloseCodes.InvalidShard } },
    { name: 'a negative shard id', live: [], next: [-1, 2], outcome: { closed: GatewayCloseCodes.InvalidShard } },
    { name: 'a shard count of 0', live: [], next: [0, 0], outcome: { closed: GatewayCloseCodes.InvalidShard } },
    { name: 'a count other than the live sessions’', live: [[0, 2]], next: [1, 3], outcome: { closed: GatewayCloseCodes.InvalidShard } },
    { name: 'a shard that already has a live session', live: [[0, 2], [1, 2]], next: [1, 2], outcome: { closed: GatewayCloseCodes.AlreadyAuthenticated } },
  ])('answers IDENTIFY of $name', async ({ live, next, outcome }) => {
    for (const shard of live) expect(await identify(shard)).toEqual({ ready: shard });
    expect(await identify(next)).toEqual(outcome);
  });

  it('lets a shard identify again once its previous session has closed', async () => {
    const first = new RawSession(fake, [1, 2]);
    expect(await first.outcome).toEqual({ ready: [1, 2] });
    await first.close();
    expect(await identify([1, 2])).toEqual({ ready: [1, 2] });
  });

  it('recommends its shard count in GET /gateway/bot', async () => {
    const answer = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: 'Bot fake-token' } });
    expect(await answer.json()).toMatchObject({ shards: 4, url: fake.gatewayUrl });
  });
});

describe('two discord.js clients, one shard each', () => {
  let fake: FakeDiscord;
  const clients: Client[] = [];

  const logIn = async (shard: number) => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, shards: [shard], shardCount: 2 });
    clients[shard] = client;
    await client.login('fake-token');
    return client;
  };

  beforeEach(async () => {
    fake = await startFakeDiscord({ maxConcurrency: 16 });
    for (const shard of [0, 1]) await logIn(shard);
    await fake.waitForShards([0, 1]);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await fake.stop();
  });

  it('delivers each guild’s interactions only to the client holding its shard', async () => {
    const received: string[][] = clients.map(() => []);
    clients.forEach((client, i) => client.on(Events.InteractionCreate, (interaction) => received[i]!.push(interaction.id)));
    const sent = [0, 1, 2, 3, 4, 5].map((n) => fake.sendSlashCommand({ name: 'ask', options: [], guildId: guildWithHighBits(n) }));
    const dm = fake.sendSlashCommand({ name: 'ask', options: [] });
    await expect.poll(() => received.flat().length).toBe(7);
    expect(sent.map((s) => s.shard)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(received).toEqual([
      [sent[0]!.id, sent[2]!.id, sent[4]!.id, dm.id],
      [sent[1]!.id, sent[3]!.id, sent[5]!.id],
    ]);
  });

  it('sends each guild’s GUILD_CREATE to its shard only, and again when that shard identifies anew', async () => {
    const guilds = [0, 1, 2, 3].map(guildWithHighBits);
    expect(guilds.map((id) => fake.addGuild(id))).toEqual([0, 1, 0, 1]);
    const cached = (client: Client) => client.guilds.cache.map((g) => [g.id, g.shardId]);
    await expect.poll(() => clients.map((c) => c.guilds.cache.size)).toEqual([2, 2]);
    expect(clients.map(cached)).toEqual([
      [[guilds[0], 0], [guilds[2], 0]],
      [[guilds[1], 1], [guilds[3], 1]],
    ]);
    await clients[1]!.destroy();
    const again = await logIn(1);
    await expect.poll(() => cached(again)).toEqual([[guilds[1], 1], [guilds[3], 1]]);
  });
});
