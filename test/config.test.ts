import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, shardOptions, tokenRequired } from '../src/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      CORPUS_DIR: 'corpus',
      INDEX_CACHE_DIR: '.cache',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: 20,
      MAX_CONCURRENT_COMMANDS: 8,
      CORPUS_WATCH: true,
      LOGIN_TIMEOUT_SECONDS: 300,
      FEEDS_ALLOW_PRIVATE: false,
    });
  });

  it('treats empty values (as copied from .env.example) as absent', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: ' ', LOG_LEVEL: '' }).DISCORD_TOKEN).toBeUndefined();
  });

  it.each([
    [{ DISCORD_GUILD_ID: 'my-guild' }, /DISCORD_GUILD_ID: must be a Discord id/],
    [{ DISCORD_API_URL: 'not a url' }, /DISCORD_API_URL: must be a URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ DISCORD_TOKEN: 'short' }, /DISCORD_TOKEN: looks too short/],
    [{ HEALTH_PORT: '99999' }, /HEALTH_PORT/],
    [{ CORPUS_WATCH: 'sometimes' }, /CORPUS_WATCH/],
    [{ LOGIN_TIMEOUT_SECONDS: '0' }, /LOGIN_TIMEOUT_SECONDS/],
    [{ LOGIN_TIMEOUT_SECONDS: 'forever' }, /LOGIN_TIMEOUT_SECONDS/],
    [{ FEEDS_ALLOW_PRIVATE: 'yes' }, /FEEDS_ALLOW_PRIVATE/],
    [{ SHARD_COUNT: '0' }, /SHARD_COUNT: at least 1/],
    [{ SHARD_COUNT: 'two' }, /SHARD_COUNT/],
    [{ SHARD_IDS: '0,1' }, /SHARD_IDS: needs SHARD_COUNT/],
    [{ SHARD_COUNT: 'auto', SHARD_IDS: '0' }, /SHARD_IDS: needs SHARD_COUNT/],
    [{ SHARD_COUNT: '4', SHARD_IDS: '2,4,5' }, /SHARD_IDS: shard 4, 5 is not below SHARD_COUNT \(4\)/],
    [{ SHARD_COUNT: '4', SHARD_IDS: 'first' }, /SHARD_IDS: a list of shard ids and ranges/],
    [{ SHARD_COUNT: '4', SHARD_IDS: '3-1' }, /SHARD_IDS: the range 3-1 runs backwards/],
  ])('%o is refused with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes the token value in its message', () => {
    const secret = 'abc';
    try {
      loadConfig({ DISCORD_TOKEN: secret, LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('shardOptions', () => {
  it.each([
    [{}, {}],
    [{ SHARD_COUNT: 'auto' }, { shards: 'auto' }],
    [{ SHARD_COUNT: '3' }, { shards: [0, 1, 2], shardCount: 3 }],
    [{ SHARD_COUNT: '4', SHARD_IDS: '2-3' }, { shards: [2, 3], shardCount: 4 }],
    [{ SHARD_COUNT: '8', SHARD_IDS: ' 6, 0-1 ,1 ' }, { shards: [0, 1, 6], shardCount: 8 }],
  ])('%o runs %o', (env, options) => {
    expect(shardOptions(loadConfig(env))).toEqual(options);
  });
});

describe('tokenRequired', () => {
  it.each([
    [{ NODE_ENV: 'production' }, false, true],
    [{ NODE_ENV: 'production' }, true, false],
    [{ NODE_ENV: 'development' }, false, false],
    [{ NODE_ENV: undefined }, false, false],
    [{ NODE_ENV: undefined }, true, false],
  ])('%o, at a terminal: %s → %s', (config, atTerminal, required) => {
    expect(tokenRequired(config, atTerminal)).toBe(required);
  });
});
