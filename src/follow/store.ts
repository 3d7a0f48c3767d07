/**
 * The channels' follows (`/follow add`): saved queries whose new matching articles are posted in the channel.
 * Kept in `<corpus>/.feeds/follows.json` beside the feed state, written atomically, so they survive restarts.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { STATE_DIR, writeAtomic } from '../feeds/state.js';

/** One follow: where to post, what to match. */
export const Follow = z.object({
  id: z.string(),
  guildId: z.string(),
  channelId: z.string(),
  query: z.string().trim().min(2, '2 to 200 characters').max(200, '2 to 200 characters'),
  source: z.string().trim().min(1).max(100).optional(),
  lang: z.string().regex(/^[a-z]{2,3}$/, 'a language code such as ar, en or fa').optional(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Follow = z.infer<typeof Follow>;

const FollowsFile = z.object({ follows: z.array(Follow) });
const FOLLOWS_FILE = join(STATE_DIR, 'follows.json');
/** Follows one channel may have. */
const MAX_FOLLOWS_PER_CHANNEL = 10;

/** The follows of a corpus, read once and written on every change. */
export interface FollowStore {
  all(): readonly Follow[];
  inChannel(channelId: string): Follow[];
  /** Adds a follow; throws FollowError when the channel has as many as it may, or the same query already. */
  add(follow: Omit<Follow, 'id' | 'createdAt'>): Follow;
  /** Removes a channel's follow by id; false when there is none. */
  remove(channelId: string, id: string): boolean;
}

/** A follow that cannot be added; the message says why. */
export class FollowError extends Error {}

/** Opens the follows of `corpusDir` (none when the file is missing; an unreadable one is reported and started afresh). */
export function openFollowStore(corpusDir: string, onProblem: (message: string) => void): FollowStore {
  let follows: Follow[] = [];
  try {
    const parsed = FollowsFile.safeParse(JSON.parse(readFileSync(join(corpusDir, FOLLOWS_FILE), 'utf8')));
    if (parsed.success) follows = parsed.data.follows;
    else onProblem(`${FOLLOWS_FILE} is not valid and is ignored: ${parsed.error.issues[0]?.message}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`${FOLLOWS_FILE} cannot be read: ${(error as Error).message}`);
  }
  const save = () => writeAtomic(corpusDir, FOLLOWS_FILE, `${JSON.stringify({ follows }, null, 2)}\n`);
  return {
    all: () => follows,
    inChannel: (channelId) => follows.filter((f) => f.channelId === channelId),
    add(input) {
      const mine = follows.filter((f) => f.channelId === input.channelId);
      if (mine.length >= MAX_FOLLOWS_PER_CHANNEL) throw new FollowError(`this channel follows ${MAX_FOLLOWS_PER_CHANNEL} queries already; stop one first`);
      if (mine.some((f) => f.query === input.query && f.source === input.source && f.lang === input.lang)) throw new FollowError('this channel follows that query already');
      const follow: Follow = { ...input, id: randomUUID().slice(0, 8), createdAt: new Date().toISOString() };
      follows = [...follows, follow];
      save();
      return follow;
    },
    remove(channelId, id) {
      const kept = follows.filter((f) => !(f.channelId === channelId && f.id === id));
      if (kept.length === follows.length) return false;
      follows = kept;
      save();
      return true;
    },
  };
}
