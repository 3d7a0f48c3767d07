/**
 * Logging in to Discord without giving up at the first refused connection and without retrying for ever:
 * attempts spaced by exponential backoff with jitter, each failure logged, a status for `/healthz`, and a
 * bounded total after which the caller exits non-zero so a supervisor restarts the bot. A refused token, or a shard
 * another process already runs, is never retried: no second attempt would succeed.
 */
import type { Logger } from '../engine/index.js';

/** How login attempts are spaced and bounded. */
export interface RetryPolicy {
  /** Wait after the first failure, in ms; doubled after each further one. */
  firstDelayMs: number;
  /** Longest wait between two attempts, in ms. */
  maxDelayMs: number;
  /** How long after the first attempt the bot gives up (`LOGIN_TIMEOUT_SECONDS`), in ms. */
  timeoutMs: number;
  /** Jitter source in [0, 1); default `Math.random`. */
  random?: () => number;
}

/** 1 s, 2 s, 4 s … at most a minute apart. */
export const BACKOFF = { firstDelayMs: 1000, maxDelayMs: 60_000 } as const;

/** Where the login stands, as `/healthz` reports it until the bot has connected. */
export interface LoginStatus {
  /** Connection attempts so far, the gateway's own reconnections included. */
  attempts: number;
  /** Code of the last failure (`ECONNREFUSED`, `HTTP 502`, `GATEWAY_CLOSED`), null before any. */
  lastError: string | null;
  /** Time until the next attempt, in ms; null while an attempt is under way. */
  nextRetryInMs: number | null;
}

/** The login is over without a connection: the message says why (naming what to fix), `exitCode` how to exit. */
export class LoginFailure extends Error {
  constructor(
    message: string,
    /** 2: a configuration error (the token, a shard run twice), restarting will not help; 1: Discord could not be reached in time. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/**
 * The gateway closed the connection before the session was ready; `code` is its close code when it is final (4004: the
 * token was refused; 4005: `shard`, as `[id, count]`, is already connected).
 */
export class GatewayClosed extends Error {
  constructor(
    readonly code?: number,
    readonly shard?: readonly [number, number],
  ) {
    super(code === undefined ? 'the gateway closed before the session was ready' : `the gateway closed with code ${code}`);
  }
}

/** One login attempt: resolves once connected; `retrying` hears of failures the client retries on its own (gateway reconnections). */
export type LoginAttempt = (retrying: (error: unknown) => void) => Promise<void>;

/** Discord's close code for a refused token on the gateway. */
const AUTHENTICATION_FAILED = 4004;
/** Discord's close code for a session identifying a shard another connection holds ("already authenticated"). */
export const ALREADY_AUTHENTICATED = 4005;

const TOKEN_REFUSED = 'Discord refused the bot token (401 Unauthorized): set DISCORD_TOKEN to the current token of the bot (Developer Portal → Bot → Reset Token)';

/** Why a shard cannot connect while another process runs it (no retry helps while that process runs). */
const shardTaken = ([id, count]: readonly [number, number]) =>
  `shard ${id} of ${count} is already connected by another process: check SHARD_IDS on each machine (each shard must run in one process only)`;

/** The wait after `failures` failed attempts: firstDelay·2^(failures−1), capped at maxDelay, ±20 % jitter. */
export function retryDelay(failures: number, policy: RetryPolicy): number {
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * (policy.random ?? Math.random)()));
}

/** A failure as a short code for logs and `/healthz` (never its message, which may quote a URL or a request). */
export function failureCode(error: unknown): string {
  if (error instanceof GatewayClosed) return error.code === undefined ? 'GATEWAY_CLOSED' : `GATEWAY_CLOSED_${error.code}`;
  const fields = (error ?? {}) as { code?: unknown; status?: unknown; cause?: { code?: unknown }; name?: unknown };
  if (typeof fields.code === 'string') return fields.code;
  if (typeof fields.cause?.code === 'string') return fields.cause.code;
  if (typeof fields.status === 'number') return `HTTP ${fields.status}`;
  return typeof fields.name === 'string' ? fields.name : 'UNKNOWN';
}

/** Whether no retry can mend the failure: Discord refused the token, over REST (discord.js's TokenInvalid) or on the gateway (4004). */
function tokenRefused(error: unknown): boolean {
  return failureCode(error) === 'TokenInvalid' || (error instanceof GatewayClosed && error.code === AUTHENTICATION_FAILED);
}

/** Runs login attempts until one connects, the token is refused, or the policy's time is up; its status is readable meanwhile. */
export class LoginRetry {
  private attempts = 0;
  private lastError: string | null = null;
  private retryAt: number | null = null;
  private connected = false;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  /** The status for `/healthz` while logging in; null once connected (later outages are the gateway's own reconnections). */
  status(): LoginStatus | null {
    if (this.connected) return null;
    const nextRetryInMs = this.retryAt === null ? null : Math.max(0, this.retryAt - Date.now());
    return { attempts: this.attempts, lastError: this.lastError, nextRetryInMs };
  }

  /** Resolves once `attempt` connects; rejects (only ever) with a LoginFailure when the token is refused, a shard is taken, or time is up. */
  async run(attempt: LoginAttempt): Promise<void> {
    const deadline = Date.now() + this.policy.timeoutMs;
    for (let failures = 1; ; failures++) {
      this.attempts++;
      this.retryAt = null;
      let reconnections = 0;
      try {
        await this.withinDeadline(attempt((error) => this.clientRetrying(error, ++reconnections)), deadline);
        this.connected = true;
        return;
      } catch (error) {
        if (error instanceof LoginFailure) throw error;
        this.lastError = failureCode(error);
        if (tokenRefused(error)) throw new LoginFailure(TOKEN_REFUSED, 2);
        if (error instanceof GatewayClosed && error.code === ALREADY_AUTHENTICATED) throw new LoginFailure(shardTaken(error.shard ?? [0, 1]), 2);
      }
      const delay = retryDelay(failures, this.policy);
      if (Date.now() + delay >= deadline) throw this.timeUp();
      this.retryAt = Date.now() + delay;
      this.logger.warn({ attempt: this.attempts, code: this.lastError, nextRetryInMs: delay }, 'could not connect to Discord; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** A failure the client retries by itself (the gateway reconnects about twice a second): counted, logged at its reconnections 1, 2, 4, 8 … */
  private clientRetrying(error: unknown, reconnections: number): void {
    this.attempts++;
    this.lastError = failureCode(error);
    if ((reconnections & (reconnections - 1)) === 0) {
      this.logger.warn({ attempt: this.attempts, reconnections, code: this.lastError }, 'could not connect to the Discord gateway; the client keeps reconnecting');
    }
  }

  /** `connecting`, or a LoginFailure once the deadline passes first. */
  private async withinDeadline(connecting: Promise<void>, deadline: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeUp()), Math.max(0, deadline - Date.now()));
    });
    try {
      await Promise.race([connecting, timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeUp(): LoginFailure {
    const seconds = Math.round(this.policy.timeoutMs / 1000);
    return new LoginFailure(
      `could not connect to Discord within LOGIN_TIMEOUT_SECONDS (${seconds} s, ${this.attempts} attempts, last error ${this.lastError ?? 'none: the attempt did not finish'}); exiting so that a supervisor restarts the bot`,
      1,
    );
  }
}
