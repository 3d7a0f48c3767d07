/** What became of each interaction, read from the fake Discord's record of requests and messages. */
import type { FakeDiscord, RecordedRequest, SentInteraction } from '../../test/support/fakeDiscord.js';

/** What became of one interaction. */
export interface Outcome {
  kind: 'answer' | 'busy' | 'slow-down' | 'error' | 'lost';
  /** The text of an error reply, for the breakdown. */
  error?: string;
  ackMs?: number;
  finalMs?: number;
  duplicated: boolean;
  lateCallback: boolean;
}

const isAccepted = (r: RecordedRequest) => r.status < 300;
/** Requests that make a message visible: an immediate reply or update, the edit of `@original`, a follow-up. */
function showsMessage(r: RecordedRequest): boolean {
  if (r.path.endsWith('/callback')) return [4, 7].includes((r.body as { type?: number } | undefined)?.type ?? 0);
  return (r.method === 'PATCH' && r.path.endsWith('/messages/@original')) || (r.method === 'POST' && r.path.startsWith('/webhooks/'));
}

/** Classifies one interaction from its requests: answer, busy, slow-down, error or lost, with its ack and final times. */
export function outcomeOf(fake: FakeDiscord, sent: SentInteraction, requests: RecordedRequest[]): Outcome {
  const callbacks = requests.filter((r) => r.path.endsWith('/callback'));
  const first = callbacks[0];
  const shown = requests.find((r) => showsMessage(r) && isAccepted(r));
  const messages = fake.messagesFor(sent.id);
  // A second callback attempt that Discord refused (e.g. an apology after the deadline) shows nothing: not a duplicate.
  const duplicated = messages.length > 1 || callbacks.filter(isAccepted).length > 1;
  const lateCallback = first !== undefined && !isAccepted(first);
  const base = { duplicated, lateCallback, ...(first && isAccepted(first) && { ackMs: first.time - sent.time }), ...(shown && { finalMs: shown.time - sent.time }) };
  const [message] = messages;
  if (!message || lateCallback) return { ...base, kind: 'lost' };
  const ephemeral = Boolean((message.flags ?? 0) & 64);
  if (!ephemeral && message.embeds.length > 0) return { ...base, kind: 'answer' };
  if (/busy/i.test(message.content)) return { ...base, kind: 'busy' };
  if (/slow down/i.test(message.content)) return { ...base, kind: 'slow-down' };
  return { ...base, kind: 'error', error: message.content.split('\n')[0]!.slice(0, 80) };
}

/** Resolves once the interaction shows a message, or after `timeoutMs`. */
export async function visible(fake: FakeDiscord, id: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (fake.messagesFor(id).length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
/** Milliseconds as a whole number, or a dash. */
export const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)}`);
