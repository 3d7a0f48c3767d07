import { describe, expect, it } from 'vitest';
import { GatewayClosed, LoginFailure, LoginRetry, failureCode, retryDelay, type RetryPolicy } from '../../src/discord/login.js';
import type { Logger } from '../../src/engine/index.js';

const POLICY: RetryPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 300_000, random: () => 0.5 };

/** A logger that keeps its warn lines. */
function recordingLogger(): Logger & { warnings: object[] } {
  const warnings: object[] = [];
  const ignore = () => undefined;
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (fields: object) => warnings.push(fields) } as unknown as Logger & { warnings: object[] };
}

/** An attempt that fails with each of `errors` in turn, then connects. */
function failing(...errors: unknown[]) {
  return async () => {
    const error = errors.shift();
    if (error !== undefined) throw error;
  };
}

describe('retryDelay', () => {
  it.each([
    [1, 0.5, 1000],
    [2, 0.5, 2000],
    [3, 0.5, 4000],
    [7, 0.5, 60_000],
    [20, 0.5, 60_000],
    [1, 0, 800],
    [3, 0.999, 4798],
  ])('after %i failures with jitter %d waits %i ms', (failures, random, delay) => {
    expect(retryDelay(failures, { ...POLICY, random: () => random })).toBe(delay);
  });
});

describe('failureCode', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    [new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }), 'ENOTFOUND'],
    [Object.assign(new Error('Bad Gateway'), { status: 502 }), 'HTTP 502'],
    [Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }), 'TokenInvalid'],
    [new GatewayClosed(), 'GATEWAY_CLOSED'],
    [new GatewayClosed(4004), 'GATEWAY_CLOSED_4004'],
    [new RangeError('odd'), 'RangeError'],
    [undefined, 'UNKNOWN'],
  ])('%o → %s', (error, code) => {
    expect(failureCode(error)).toBe(code);
  });
});

describe('LoginRetry', () => {
  const quick: RetryPolicy = { firstDelayMs: 5, maxDelayMs: 20, timeoutMs: 60_000 };
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

  it('retries failures, logging each with its attempt, code and next delay, until an attempt connects (then no status)', async () => {
    const logger = recordingLogger();
    const login = new LoginRetry(quick, logger);
    await login.run(failing(refused, Object.assign(new Error('Bad Gateway'), { status: 502 })));
    expect(logger.warnings).toEqual([
      { attempt: 1, code: 'ECONNREFUSED', nextRetryInMs: expect.any(Number) },
      { attempt: 2, code: 'HTTP 502', nextRetryInMs: expect.any(Number) },
    ]);
    expect(login.status()).toBeNull();
  });

  it.each([
    ['over REST (TokenInvalid)', Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' })],
    ['on the gateway (4004)', new GatewayClosed(4004)],
  ])('stops at once with exit status 2 naming DISCORD_TOKEN when the token is refused %s', async (_, error) => {
    const logger = recordingLogger();
    const login = new LoginRetry(quick, logger);
    const failure = await login.run(failing(error)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LoginFailure);
    expect(failure).toMatchObject({ exitCode: 2, message: expect.stringContaining('DISCORD_TOKEN') });
    expect(logger.warnings).toEqual([]);
    expect(login.status()).toMatchObject({ attempts: 1 });
  });

  it('stops at once with exit status 2 naming the shard and SHARD_IDS when another process holds the shard (4005)', async () => {
    const logger = recordingLogger();
    const login = new LoginRetry(quick, logger);
    const failure = await login.run(failing(new GatewayClosed(4005, [1, 2]))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LoginFailure);
    expect(failure).toMatchObject({ exitCode: 2, message: expect.stringMatching(/^shard 1 of 2 is already connected by another process: check SHARD_IDS on each machine/) });
    expect(logger.warnings).toEqual([]);
  });

  it('gives up with exit status 1 when the next wait would pass the deadline', async () => {
    const login = new LoginRetry({ firstDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 500 }, recordingLogger());
    const failure = await login.run(failing(refused, refused)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ exitCode: 1, message: expect.stringMatching(/LOGIN_TIMEOUT_SECONDS \(1 s, 1 attempts, last error ECONNREFUSED\)/) });
  });

  it('abandons an attempt still under way at the deadline, counting the reconnections the client made on its own (logged at 1, 2, 4 …)', async () => {
    const logger = recordingLogger();
    const login = new LoginRetry({ ...quick, timeoutMs: 50 }, logger);
    const hanging = (retrying: (error: unknown) => void) => {
      for (let i = 0; i < 4; i++) retrying(new GatewayClosed());
      return new Promise<void>(() => undefined);
    };
    const failure = await login.run(hanging).catch((e: unknown) => e);
    expect(failure).toMatchObject({ exitCode: 1, message: expect.stringContaining('last error GATEWAY_CLOSED') });
    expect(login.status()).toEqual({ attempts: 5, lastError: 'GATEWAY_CLOSED', nextRetryInMs: null });
    expect(logger.warnings).toEqual([1, 2, 4].map((reconnections) => ({ attempt: reconnections + 1, reconnections, code: 'GATEWAY_CLOSED' })));
  });
});
