import { type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { offerChoices } from '../src/discord/autocomplete.js';
import { choiceName } from '../src/discord/format.js';
import { pageClick } from '../src/discord/pageButton.js';
import { ASK_PAGE_SIZE, askReply, failureReply, sendError } from '../src/discord/replies.js';

/** What a page of `/ask` is recomputed from. */
interface AskRequest {
  question: string;
  source?: string;
  from?: string;
  to?: string;
}

/** A paged `/ask` answer: the question, and the page on show (so expiry disables the buttons on that page). */
interface AskPaging {
  request: AskRequest;
  offset: number;
}

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Search the archive: exact passages with their source and date')
  .addStringOption((o) => o.setName('question').setDescription('What to look for (words or a "quoted phrase")').setRequired(true).setMinLength(2).setMaxLength(300))
  .addStringOption((o) => o.setName('source').setDescription('Only this outlet').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('from').setDescription('From this day, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
  .addStringOption((o) => o.setName('to').setDescription('Up to this day, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

async function execute(interaction: ChatInputCommandInteraction, { search, pages, slot }: CommandContext): Promise<void> {
  const request: AskRequest = {
    question: interaction.options.getString('question', true),
    source: interaction.options.getString('source') ?? undefined,
    from: interaction.options.getString('from') ?? undefined,
    to: interaction.options.getString('to') ?? undefined,
  };
  // Every option is checked before the deferral decides who sees the answer: errors are always ephemeral.
  const invalid = await search.checkAsk(request);
  if (invalid) {
    await interaction.reply(failureReply(invalid));
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await slot();
  const answer = await search.ask({ ...request, limit: ASK_PAGE_SIZE });
  if (!answer.ok) {
    await sendError(interaction, failureReply(answer));
    return;
  }
  const paging: AskPaging = { request, offset: 0 };
  const session = pages.open(interaction.user.id, paging, answer.total, () => {
    const shown = paging.offset === 0 ? answer : search.ask({ ...request, limit: ASK_PAGE_SIZE, offset: paging.offset });
    Promise.resolve(shown)
      .then((page) => (page.ok ? interaction.editReply(askReply(page, paging.offset, session.id, true)) : undefined))
      .catch(() => undefined);
  });
  await interaction.editReply(askReply(answer, 0, session.id));
}

async function autocomplete(interaction: AutocompleteInteraction, { search, logger }: CommandContext): Promise<void> {
  const typed = interaction.options.getFocused();
  await offerChoices(interaction, logger, () => search.findSources(typed, 25), (s) => ({ name: choiceName(s), value: s.slice(0, 100) }));
}

async function button(interaction: ButtonInteraction, { search, pages, slot }: CommandContext): Promise<void> {
  const click = await pageClick<AskPaging>(interaction, pages, 'results', 'ask');
  if (!click) return;
  const { session, offset } = click;
  const paging = session.request;
  // Acknowledge first: on a large archive the search can take longer than Discord's 3 s allows for an update.
  await interaction.deferUpdate();
  await slot();
  const answer = await search.ask({ ...paging.request, limit: ASK_PAGE_SIZE, offset });
  if (!answer.ok) {
    await interaction.followUp(failureReply(answer));
    return;
  }
  await interaction.editReply(askReply(answer, offset, session.id));
  paging.offset = offset;
}

/** `/ask`: verbatim passages that answer a question, three at a time; it defers before waiting for a slot. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], autocomplete, button, acknowledgesFirst: true };
