import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { Logger } from '../engine/index.js';

/** How long the archive is given to find choices: Discord drops an autocomplete not answered within 3 s, and sending the answer takes its time too. */
const FIND_WITHIN_MS = 2000;

/**
 * Offers the choices `find` gives for what is being typed. When it fails (the archive's database is
 * down) or takes longer than Discord waits, an empty list is offered and the cause logged: the
 * person sees no choices, never an error.
 */
export async function offerChoices<T>(interaction: AutocompleteInteraction, logger: Logger, find: () => T[] | Promise<T[]>, choice: (item: T) => ApplicationCommandOptionChoiceData<string>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIND_WITHIN_MS)));
  const found = await Promise.race([Promise.resolve().then(find), late])
    .catch((error: unknown) => {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'autocomplete choices not found: none offered');
      return [];
    })
    .finally(() => clearTimeout(timer));
  if (found === null) logger.warn({ ms: FIND_WITHIN_MS }, 'autocomplete choices not found in time: none offered');
  await interaction.respond((found ?? []).map(choice));
}
