import type { ButtonInteraction } from 'discord.js';
import type { PageSession, PageSessions } from './paging.js';
import { noticeReply } from './replies.js';

/** A Previous/Next click that may proceed: its session and the offset asked for (clamped to the answer). */
export interface PageClick<T> {
  session: PageSession<T>;
  offset: number;
}

/**
 * Reads a `<command>:<session>:<offset>` button click; answers it (ephemerally) and returns null
 * when the page has expired or the clicker is not the person who asked. `what` names the answer
 * (`results`, `quotations`), `command` the slash command to run again.
 */
export async function pageClick<T>(interaction: ButtonInteraction, pages: PageSessions<unknown>, what: string, command: string): Promise<PageClick<T> | null> {
  const [, sessionId = '', offsetText = '0'] = interaction.customId.split(':');
  const session = (await pages.get(sessionId)) as PageSession<T> | undefined;
  if (!session) {
    await interaction.reply(noticeReply(`These ${what} have expired. Run /${command} again.`));
    return null;
  }
  if (session.ownerId !== interaction.user.id) {
    await interaction.reply(noticeReply(`Only the person who asked can page through these ${what}. Run /${command} yourself to browse.`));
    return null;
  }
  const offset = Math.min(Math.max(0, Number.parseInt(offsetText, 10) || 0), Math.max(0, session.total - 1));
  return { session, offset };
}
