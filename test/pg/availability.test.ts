import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../src/pg/availability.js';

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
