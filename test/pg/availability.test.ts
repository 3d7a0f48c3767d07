import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/options.js';
import { isConnectionError, untilReachable } from '../../src/pg/availability.js';

/** An error as node-postgres throws it: a message and, from the server, a SQLSTATE code. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('isConnectionError: what the bot reports as "archive unavailable, try again"', () => {
  it.each([
    ['the server refused the connection', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), true],
    ['the server is shutting down (57P01)', pgError('terminating connection due to administrator command', '57P01'), true],
    ['the server is starting up (57P03)', pgError('the database system is starting up', '57P03'), true],
    ['too many connections (53300)', pgError('sorry, too many clients already', '53300'), true],
    ['the connection ended mid-statement', pgError('Connection terminated unexpectedly'), true],
    ['a client left unusable by a restart', pgError('Client has encountered a connection error and is not queryable'), true],
    ['a statement cancelled at the reader\'s statement timeout (57014)', pgError('canceling statement due to statement timeout', '57014'), true],
    ['no answer within the reader\'s read timeout', pgError('Query read timeout'), true],
    ['a bug in a statement (42601) is not', pgError('syntax error at or near "SELEC"', '42601'), false],
    ['an ordinary exception is not', new TypeError('cannot read properties of undefined'), false],
    ['a thrown string is not', 'down', false],
  ])('%s', (_, error, expected) => {
    expect(isConnectionError(error)).toBe(expected);
  });
});

describe('untilReachable: a bot started before its database waits for it', () => {
  const quick = { firstDelayMs: 1, maxDelayMs: 2 };

  it('tries again while the database cannot be reached, then answers', async () => {
    let attempts = 0;
    const answer = await untilReachable(async () => {
      if (++attempts < 3) throw pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
      return 'archive';
    }, silentLogger, quick);
    expect({ answer, attempts }).toEqual({ answer: 'archive', attempts: 3 });
  });

  it('does not wait on a statement the server cancelled for running too long: it would run as long again', async () => {
    let attempts = 0;
    const slow = pgError('canceling statement due to statement timeout', '57014');
    await expect(untilReachable(async () => {
      attempts++;
      throw slow;
    }, silentLogger, quick)).rejects.toBe(slow);
    expect(attempts).toBe(1);
  });
});
