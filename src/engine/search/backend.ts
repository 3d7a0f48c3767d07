import type { Failure, Result } from '../types.js';
import type { AskAnswer } from './ask.js';
import type { AskQuery } from './query.js';

/**
 * A passage search `/ask` can run on: the embedded engine satisfies it as it is (its answers are
 * ready at once), the PostgreSQL backend answers after its queries. Both rank alike.
 */
export interface AskBackend {
  /** Answers a question with verbatim passages, best first. */
  ask(query: AskQuery): Result<AskAnswer> | Promise<Result<AskAnswer>>;
}

/** What the `/ask` front ends await: the embedded engine as it is, or the PostgreSQL archive. */
export interface AskService extends AskBackend {
  /** Why a question's options cannot be answered, checked without searching; undefined when they can. */
  checkAsk(query: AskQuery): Failure | undefined | Promise<Failure | undefined>;
  /** Sources whose name contains the typed text, ignoring case and Arabic spelling variants (for autocomplete). */
  findSources(typed: string, limit?: number): string[] | Promise<string[]>;
}

/** The archive cannot be reached (its database is down or restarting): the question may be asked again shortly. */
export class ArchiveUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the archive is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ArchiveUnavailableError';
  }
}
