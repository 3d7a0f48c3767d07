/**
 * A sharded bot under load: several real bot processes (`src/main.ts`), each running its own shards of
 * SHARD_COUNT, logged into one fake Discord, which routes each guild's /ask interactions to the shard
 * owning it. Tells what became of every interaction and which process served it.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { startBot, type BotProcess } from '../../test/discord/botProcess.js';
import { shardForGuild, startFakeDiscord, type RecordedRequest, type SentInteraction } from '../../test/support/fakeDiscord.js';
import { outcomeOf, percentile, type Outcome } from '../benchDiscord/outcomes.js';

/** What to run. */
export interface ShardLoad {
  corpusDir: string;
  processes: number;
  shardsPerProcess: number;
  interactions: number;
  guilds: number;
  /** Interactions waiting for their answer at any time. */
  inFlight: number;
  /** More environment for every bot process (DATABASE_URL, …). */
  env?: Record<string, string>;
  /** Called once, when half the interactions have been sent (e.g. to restart PostgreSQL); the load goes on meanwhile. */
  midway?: () => Promise<void>;
  /** How long one interaction may take to show a message, in ms. Default 30 s. */
  timeoutMs?: number;
}

/** The figures of a run. */
export interface ShardLoadResult {
  sent: number;
  /** Interactions per outcome: answer, busy, slow-down, error (an ephemeral notice), lost (nothing shown). */
  outcomes: Record<Outcome['kind'], number>;
  /** The texts of the error notices, with their counts. */
  errors: Record<string, number>;
  /** Interactions with more than one visible message or accepted callback. */
  duplicated: number;
  /** Interactions that the fake sent to a shard other than `(guild_id >> 22) % count`. */
  misrouted: number;
  /** Interactions that a process not running the guild's shard logged, or that no process or two processes logged. */
  wrongProcess: number;
  /** Interactions each process served. */
  perProcess: number[];
  /** Times a process lost the shared limits' database and limited on its own meanwhile (log lines). */
  limitFallbacks: number;
  ackP50: number;
  ackP99: number;
  /** The acknowledgement p99 after the opening burst (the first `inFlight` interactions, sent all at once). */
  ackP99AfterBurst: number;
  answerP50: number;
  answerP99: number;
  wallMs: number;
}

const ZERO_OUTCOMES: Record<Outcome['kind'], number> = { answer: 0, busy: 0, 'slow-down': 0, error: 0, lost: 0 };

/** The id of guild `n`: its upper bits (`id >> 22`) are 4096 + n, so its shard is `n % count` for any count dividing 4096. */
const guildId = (n: number) => String((BigInt(4096 + n) << 22n) | 777n);

/** Runs the load and reports it; every process is stopped before it returns. */
export async function runShardLoad(load: ShardLoad): Promise<ShardLoadResult> {
  const { articles } = await loadCorpus(load.corpusDir);
  const questions = articles.map((a) => a.title.slice(0, 300)).filter((t) => t.trim().length >= 2);
  const shardCount = load.processes * load.shardsPerProcess;
  const owned = Array.from({ length: load.processes }, (_, p) => Array.from({ length: load.shardsPerProcess }, (_, s) => p * load.shardsPerProcess + s));
  const fake = await startFakeDiscord({ recommendedShards: shardCount, maxConcurrency: 16 });
  const bots: BotProcess[] = [];
  try {
    for (const shards of owned) {
      const env = { RATE_LIMIT_PER_MINUTE: '20', ...load.env, SHARD_COUNT: String(shardCount), SHARD_IDS: shards.join(',') };
      bots.push(await startBot(fake, { corpusDir: load.corpusDir, env, readyTimeoutMs: 60_000 }));
    }
    await fake.waitForShards(owned.flat(), { timeout: 30_000 });

    const sent: SentInteraction[] = [];
    let next = 0;
    let midway: Promise<void> | undefined;
    const began = performance.now();
    const worker = async () => {
      while (next < load.interactions) {
        const i = next++;
        if (i === Math.floor(load.interactions / 2) && load.midway) midway = load.midway();
        // 500 users, so that the per-user rate limit (20 a minute) is not what is measured.
        const user = { id: String(320000000000000000n + BigInt(i % 500)), username: `load${i % 500}` };
        const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: questions[i % questions.length]! }, user, guildId: guildId(i % load.guilds) });
        sent.push(interaction);
        // Woken by the fake on each request, not by polling: the fake shares this process's CPU time with 50 waits.
        await fake.waitForReply(interaction.id, { timeout: load.timeoutMs ?? 30_000 }).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: load.inFlight }, worker));
    const wallMs = performance.now() - began;
    await midway;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // late duplicates would show up now

    const byInteraction = new Map<string, RecordedRequest[]>();
    for (const r of fake.requests) if (r.interactionId) byInteraction.set(r.interactionId, [...(byInteraction.get(r.interactionId) ?? []), r]);
    const outcomes = sent.map((s) => outcomeOf(fake, s, byInteraction.get(s.id) ?? []));
    const servedBy = sent.map((s) => bots.flatMap((bot, p) => (bot.logs().includes(`"interaction":"${s.id}"`) ? [p] : [])));
    const ownerOf = (s: SentInteraction) => owned.findIndex((shards) => shards.includes(shardForGuild(s.payload.guild_id, shardCount)));
    const sorted = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    const acks = sorted(outcomes.map((o) => o.ackMs));
    const answers = sorted(outcomes.filter((o) => o.kind === 'answer').map((o) => o.finalMs));
    const errors: Record<string, number> = {};
    for (const o of outcomes) if (o.error) errors[o.error] = (errors[o.error] ?? 0) + 1;
    const kinds = { ...ZERO_OUTCOMES };
    for (const o of outcomes) kinds[o.kind]++;
    return {
      sent: sent.length,
      outcomes: kinds,
      errors,
      duplicated: outcomes.filter((o) => o.duplicated).length,
      misrouted: sent.filter((s) => s.shard !== shardForGuild(s.payload.guild_id, shardCount)).length,
      wrongProcess: sent.filter((s, i) => servedBy[i]!.length !== 1 || servedBy[i]![0] !== ownerOf(s)).length,
      perProcess: bots.map((_, p) => servedBy.filter((by) => by.includes(p)).length),
      limitFallbacks: bots.reduce((n, bot) => n + (bot.logs().match(/"msg":"shared limits: PostgreSQL unavailable/g) ?? []).length, 0),
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      ackP99AfterBurst: percentile(sorted(outcomes.slice(load.inFlight).map((o) => o.ackMs)), 99),
      answerP50: percentile(answers, 50),
      answerP99: percentile(answers, 99),
      wallMs,
    };
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await fake.stop();
  }
}
