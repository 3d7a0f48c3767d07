import type { Result } from '../types.js';
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
