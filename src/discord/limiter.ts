/** A per-user rate limit: records a use when allowed and returns 0, or returns the milliseconds until the next use is allowed. */
export interface UserRateLimit {
  take(userId: string): number | Promise<number>;
}

/** A cap on commands answered at once: a release function, or null when no slot came free within `timeoutMs`. */
export interface CommandSlots {
  acquire(timeoutMs: number): Promise<(() => void) | null>;
}

/** Both limits the router applies; in this process by default, shared through PostgreSQL by `sharedLimits`. */
export interface Limits {
  rate: UserRateLimit;
  slots: CommandSlots;
}

/** Limits held in this process's memory: right for one process, not for several sharing the work. */
export function localLimits(perMinute: number, maxConcurrent: number): Limits {
  return { rate: new RateLimiter(perMinute), slots: new ConcurrencyCap(maxConcurrent) };
}

/** Per-user rate limit over a sliding window: how long a user must wait, or 0 when they may go on. */
export class RateLimiter implements UserRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a use by `userId` when allowed; returns 0, or the milliseconds until the next use is allowed. */
  take(userId: string, now = Date.now()): number {
    const times = (this.recent.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length >= this.perWindow) {
      this.recent.set(userId, times);
      return times[0]! + this.windowMs - now;
    }
    times.push(now);
    this.recent.set(userId, times);
    return 0;
  }
}

/** A counting semaphore: at most `limit` commands run at once; the rest wait their turn or give up. */
export class ConcurrencyCap implements CommandSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Waits up to `timeoutMs` for a slot; resolves to a release function, or null when none came free in time. */
  async acquire(timeoutMs: number): Promise<(() => void) | null> {
    if (this.running < this.limit) return this.slot();
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.slot());
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        resolve(null);
      }, timeoutMs);
      this.waiting.push(grant);
    });
  }

  private slot(): () => void {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.();
    };
  }
}
