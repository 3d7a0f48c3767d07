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

/** Paged answers kept where every bot process finds them (PostgreSQL), so a click works whichever process receives it. */
export interface SharedPages {
  /** Keeps the session until it expires; failures are the store's to log (the process still has it in memory). */
  save(session: PageSession<unknown>): void;
  /** The session with this id if another process saved it and it has not expired. */
  load(id: string): Promise<PageSession<unknown> | undefined>;
}

/**
 * Remembers paged answers in memory (and in `shared`, when given) so Previous/Next can recompute a page,
 * and calls `onExpire` (to disable the buttons) before the interaction token runs out.
 */
export class PageSessions<T> {
  private readonly sessions = new Map<string, PageSession<T>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly lifetimeMs = PAGE_LIFETIME_MS,
    private readonly shared?: SharedPages,
  ) {}

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
    this.shared?.save(session);
    return session;
  }

  /** The live session with this id, from this process or the shared store; undefined when it expired or never existed. */
  async get(id: string): Promise<PageSession<T> | undefined> {
    const session = this.sessions.get(id) ?? ((await this.shared?.load(id)) as PageSession<T> | undefined);
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
