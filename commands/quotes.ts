import { type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { offerChoices } from '../src/discord/autocomplete.js';
import { choiceName } from '../src/discord/format.js';
import { pageClick } from '../src/discord/pageButton.js';
import { QUOTES_PAGE_SIZE, namesakesNote, quotesPage } from '../src/discord/quoteReplies.js';
import { failureReply, sendError } from '../src/discord/replies.js';

const data = new SlashCommandBuilder()
  .setName('quotes')
  .setDescription("A person's quotations in the archive, newest first")
  .addStringOption((o) => o.setName('speaker').setDescription('Who (type part of the name)').setRequired(true).setAutocomplete(true).setMinLength(2).setMaxLength(100))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

async function execute(interaction: ChatInputCommandInteraction, { search, pages, slot }: CommandContext): Promise<void> {
  const speaker = interaction.options.getString('speaker', true);
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  // Acknowledge first: the quote index of an archive started from its cache is made on first use, and PostgreSQL answers after its queries.
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await slot();
  const result = await search.quotesBy(speaker, { offset: 0, limit: QUOTES_PAGE_SIZE });
  if (!result.ok) {
    await sendError(interaction, failureReply(result));
    return;
  }
  const note = result.namesakes ? namesakesNote(speaker.trim(), result.namesakes) : '';
  const session = pages.open(interaction.user.id, result.speaker, result.total, () => {
    interaction.editReply(quotesPage(result.speaker, result.matches, 0, result.total, session.id, true, note)).catch(() => undefined);
  });
  await interaction.editReply(quotesPage(result.speaker, result.matches, 0, result.total, session.id, false, note));
}

async function autocomplete(interaction: AutocompleteInteraction, { search, logger }: CommandContext): Promise<void> {
  const typed = interaction.options.getFocused();
  await offerChoices(interaction, logger, () => search.speakers(typed, 25), (s) => ({ name: choiceName(`${s.name} (${s.count})`), value: s.name.slice(0, 100) }));
}

async function button(interaction: ButtonInteraction, { search, pages, slot }: CommandContext): Promise<void> {
  const click = await pageClick<string>(interaction, pages, 'quotations', 'quotes');
  if (!click) return;
  const { session } = click;
  await interaction.deferUpdate();
  await slot();
  let offset = click.offset;
  let result = await search.quotesBy(session.request, { offset, limit: QUOTES_PAGE_SIZE });
  // The archive lost quotations since the page before (a pruned or replaced article): the last of them is shown.
  if (result.ok && offset > Math.max(0, result.total - 1)) {
    offset = Math.max(0, result.total - 1);
    result = await search.quotesBy(session.request, { offset, limit: QUOTES_PAGE_SIZE });
  }
  if (!result.ok) {
    await interaction.followUp(failureReply(result));
    return;
  }
  await interaction.editReply(quotesPage(result.speaker, result.matches, offset, result.total, session.id));
}

/** `/quotes`: everything a person is quoted as saying, newest first, three at a time; it defers before waiting for a slot. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], autocomplete, button, acknowledgesFirst: true };
