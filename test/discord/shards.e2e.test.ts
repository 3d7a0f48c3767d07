import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runShardLoad, type ShardLoad, type ShardLoadResult } from '../../scripts/benchShards/load.js';
import { restartedPostgresLoad } from '../../scripts/benchShards/postgres.js';
import { ROOT } from './botProcess.js';

/** A small `npm run bench:shards`: 2 bot processes × 2 shards (SHARD_COUNT=4, SHARD_IDS 0,1 and 2,3), 50 guilds, 50 in flight. */
const LOAD: ShardLoad = { corpusDir: join(ROOT, 'corpus'), processes: 2, shardsPerProcess: 2, interactions: 200, guilds: 50, inFlight: 50 };

/** Every interaction answered once, by the process running its guild's shard; both processes did their share. */
function expectEachAnsweredOnceByItsShard(result: ShardLoadResult, answered = result.sent): void {
  expect(result.sent).toBe(LOAD.interactions);
  expect(result.outcomes.lost).toBe(0);
  expect(result.outcomes.answer).toBe(answered);
  expect([result.duplicated, result.misrouted, result.wrongProcess]).toEqual([0, 0, 0]);
  expect(result.perProcess.every((n) => n > LOAD.interactions / 4)).toBe(true);
}

describe('a bot sharded over two processes', () => {
  it('answers every /ask once, from the process running the shard that owns its guild', { timeout: 180_000 }, async () => {
    expectEachAnsweredOnceByItsShard(await runShardLoad(LOAD));
  });

  it('loses nothing while the PostgreSQL holding the archive and the shared limits restarts: each gets its answer or a clear notice', { timeout: 180_000 }, async () => {
    const result = await restartedPostgresLoad(LOAD);
    const notices = result.outcomes.error + result.outcomes.busy + result.outcomes['slow-down'];
    expectEachAnsweredOnceByItsShard(result, result.sent - notices);
    expect(Object.keys(result.errors).every((text) => /try again/i.test(text))).toBe(true);
  });
});
