/**
 * Small helpers the command end-to-end suites (quotes, summary, admin) share beside `e2e.ts`:
 * the seed article's facts, buttons on a message, autocomplete choices, raw sub-command options, a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  ApplicationCommandOptionType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIMessage,
} from 'discord-api-types/v10';
import type { FakeDiscord } from '../support/fakeDiscord.js';
import type { CommandOption } from '../support/options.js';
import { ROOT } from './botProcess.js';

/** The seed article's id (its file name without the extension). */
export const SEED_ID = 'iran-international-2021-10-20-bagheri-moscow';
/** The seed article's raw text, as scraped. */
export const SEED_TEXT = readFileSync(join(ROOT, 'corpus', `${SEED_ID}.txt`), 'utf8');
/** 2021-10-20 as a Discord timestamp tag (00:00 UTC), as replies show the seed's date. */
export const SEED_DAY = '20 October 2021';
/** محمد باقري's title in the seed. */
export const BAGHERI_TITLE = 'رئيس الأركان العامة للقوات المسلحة الإيرانية';

/** The buttons on a message, in order. */
export function buttonsOf(message: APIMessage): APIButtonComponentWithCustomId[] {
  return (message.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components);
}

/** The button whose label matches; throws naming the message when there is none. */
export function buttonOf(message: APIMessage, label: RegExp): APIButtonComponentWithCustomId {
  const found = buttonsOf(message).find((b) => label.test(b.label ?? ''));
  if (!found) throw new Error(`no button ${label} on message ${message.id}`);
  return found;
}

/** The choices the bot offered for an autocomplete interaction (its type-8 callback), waited for up to `timeout` ms. */
export async function autocompleteChoices(fake: FakeDiscord, interactionId: string, timeout = 5000): Promise<Array<{ name: string; value: string | number }>> {
  const callback = await fake.waitForCallback(interactionId, { timeout });
  const body = callback.body as { type: number; data: { choices: Array<{ name: string; value: string | number }> } };
  if (body.type !== 8) throw new Error(`autocomplete ${interactionId} answered with callback type ${body.type}`);
  return body.data.choices;
}

/** The raw options of a sub-command with no options of its own (`/archive stats`). */
export function subcommand(name: string): CommandOption[] {
  return [{ type: ApplicationCommandOptionType.Subcommand, name, options: [] }];
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Text as the bot shows it from the corpus, back to plain: markdown escapes and zero-width spaces removed. */
export function plain(text: string): string {
  return text.replace(/\\([\\*_~`|>#\-.[\]()])/g, '$1').replace(/\u200B/g, '');
}
