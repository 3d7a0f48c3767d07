/** Per-user rate limit over a sliding window: how long a user must wait, or 0 when they may go on. */
export class RateLimiter {
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
export class ConcurrencyCap {
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
