import { randomBytes } from 'node:crypto';

/** Discord interaction tokens live 15 minutes; buttons are disabled a minute before that. */
export const PAGE_LIFETIME_MS = 14 * 60 * 1000;

/** One paged answer: who may turn its pages, and what is needed to compute a page again. */
export interface PageSession<T> {
  id: string;
  ownerId: string;
  request: T;
  total: number;
  expiresAt: number;
}

/**
 * Remembers paged answers in memory so Previous/Next can recompute a page, and calls `onExpire`
 * (to disable the buttons) before the interaction token runs out.
 */
export class PageSessions<T> {
  private readonly sessions = new Map<string, PageSession<T>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly lifetimeMs = PAGE_LIFETIME_MS) {}

  /** Starts a session; `onExpire` runs once when its time is up. */
  open(ownerId: string, request: T, total: number, onExpire: (session: PageSession<T>) => void): PageSession<T> {
    const session = { id: randomBytes(6).toString('base64url'), ownerId, request, total, expiresAt: Date.now() + this.lifetimeMs };
    this.sessions.set(session.id, session);
    const timer = setTimeout(() => {
      this.close(session.id);
      onExpire(session);
    }, this.lifetimeMs);
    timer.unref();
    this.timers.set(session.id, timer);
    return session;
  }

  /** The live session with this id, or undefined when it expired or never existed. */
  get(id: string): PageSession<T> | undefined {
    const session = this.sessions.get(id);
    return session && session.expiresAt > Date.now() ? session : undefined;
  }

  /** Forgets a session and its timer. */
  close(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.sessions.delete(id);
  }

  /** Forgets every session (on shutdown). */
  clear(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }
}
