/**
 * `npm run bench:shards`: 2 bot processes × 2 shards against the fake Discord, /ask interactions across guilds
 * at a fixed number in flight, on the seed corpus; then the same with PostgreSQL (embedded) holding the shared
 * rate limits and concurrency cap, restarted when half the interactions have been sent. Prints the figures and
 * writes them to bench/shards.md.
 *
 * Flags: --count N (default 2000), --guilds N (50), --concurrency N (50), --processes N (2), --shards N (per process, 2).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ROOT } from '../test/discord/botProcess.js';
import { runShardLoad, type ShardLoad, type ShardLoadResult } from './benchShards/load.js';
import { restartedPostgresLoad } from './benchShards/postgres.js';

const Flags = z.object({
  count: z.coerce.number().int().min(1).default(2000),
  guilds: z.coerce.number().int().min(1).default(50),
  concurrency: z.coerce.number().int().min(1).default(50),
  processes: z.coerce.number().int().min(1).default(2),
  shards: z.coerce.number().int().min(1).default(2),
});
type Flags = z.infer<typeof Flags>;

/** The run's line of the table. */
function row(name: string, r: ShardLoadResult): string {
  const o = r.outcomes;
  const errors = Object.entries(r.errors).map(([text, n]) => `${n} × “${text}”`).join('; ') || '—';
  return `| ${name} | ${r.sent} | ${o.answer} | ${o.error + o.busy + o['slow-down']} (${errors}) | ${o.lost} | ${r.duplicated} | ${r.misrouted + r.wrongProcess} | ${r.perProcess.join(' / ')} | ${Math.round(r.ackP50)} / ${Math.round(r.ackP99)} (${Math.round(r.ackP99AfterBurst)}) | ${Math.round(r.answerP50)} / ${Math.round(r.answerP99)} | ${Math.round((r.sent / r.wallMs) * 1000)} | ${r.limitFallbacks} |`;
}

async function main(): Promise<void> {
  const flags: Flags = Flags.parse(parseArgs({ options: Object.fromEntries(Object.keys(Flags.shape).map((k) => [k, { type: 'string' as const }])) }).values);
  const load: ShardLoad = { corpusDir: join(ROOT, 'corpus'), processes: flags.processes, shardsPerProcess: flags.shards, interactions: flags.count, guilds: flags.guilds, inFlight: flags.concurrency };
  process.stderr.write(`bench:shards: ${flags.processes} processes × ${flags.shards} shards, ${flags.count} /ask across ${flags.guilds} guilds, ${flags.concurrency} in flight\n`);
  const memory = await runShardLoad(load);
  process.stderr.write('bench:shards: in-process limits done; now with PostgreSQL restarted midway\n');
  const restarted = await restartedPostgresLoad(load, (line) => process.stderr.write(`bench:shards: ${line}\n`));
  const report = [
    '# Shards under load (`npm run bench:shards`)',
    '',
    `${flags.processes} bot processes × ${flags.shards} shards (SHARD_COUNT=${flags.processes * flags.shards}, each process its own SHARD_IDS) logged into the fake Discord,`,
    `${flags.count} \`/ask\` interactions (seed corpus headlines, 500 users) across ${flags.guilds} guilds, ${flags.concurrency} in flight; ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.`,
    '“Wrong shard” counts interactions the fake routed elsewhere than `(guild_id >> 22) % count`, or that a process not running that shard (or no process, or two) logged.',
    '',
    '| run | sent | answered | ephemeral notices | lost | answered twice | wrong shard | served per process | ack p50 / p99 ms (p99 after the opening burst) | answer p50 / p99 ms | interactions/s | limits fell back to the process |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
    row('limits in each process', memory),
    row('limits in PostgreSQL, restarted midway', restarted),
    '',
  ].join('\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(join(ROOT, 'bench/shards.md'), report);
}

await main();
