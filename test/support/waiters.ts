/** How long a `waitFor…` helper waits before rejecting. */
export interface WaitOptions {
  /** In ms. Default 5000. */
  timeout?: number;
}

/** Promises that resolve once a probe of some state (the fake's, a process's output) finds something; probed again on every `notify()`. */
export class Waiters {
  private readonly pending = new Map<() => boolean, (error: Error) => void>();

  /** `label` names whose state is probed in the error of a wait that times out. */
  constructor(private readonly label = 'fake Discord') {}

  /** Resolves with `probe()`'s first defined value; rejects after the timeout, naming `what` it waited for (worked out then, when a function). */
  waitFor<T>(what: string | (() => string), options: WaitOptions | undefined, probe: () => T | undefined): Promise<T> {
    const timeout = options?.timeout ?? 5000;
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(check);
      };
      const check = () => {
        const value = probe();
        if (value === undefined) return false;
        finish();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label}: no ${typeof what === 'string' ? what : what()} within ${timeout} ms`));
      }, timeout);
      if (!check()) this.pending.set(check, (error) => (finish(), reject(error)));
    });
  }

  /** Probes every pending wait again (after a request or a gateway event). */
  notify(): void {
    for (const check of [...this.pending.keys()]) check();
  }

  /** Rejects every pending wait. */
  failAll(error: Error): void {
    for (const fail of [...this.pending.values()]) fail(error);
  }
}
