import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { whosaidReply } from '../src/discord/quoteReplies.js';
import { failureReply, sendError } from '../src/discord/replies.js';

const data = new SlashCommandBuilder()
  .setName('whosaid')
  .setDescription('Find who said a quotation, with the article, source and date')
  .addStringOption((o) => o.setName('quote').setDescription('The quotation, or a few words of it').setRequired(true).setMinLength(2).setMaxLength(1000))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

async function execute(interaction: ChatInputCommandInteraction, { search, slot }: CommandContext): Promise<void> {
  const quote = interaction.options.getString('quote', true);
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  // Acknowledge first: the quote index of an archive started from its cache is made on first use, and PostgreSQL answers after its queries.
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await slot();
  const result = await search.whosaid(quote);
  if (!result.ok) {
    await sendError(interaction, failureReply(result));
    return;
  }
  await interaction.editReply(whosaidReply(result.matches));
}

/** `/whosaid`: the speaker of a quotation, found from a partial or misspelt quote; it defers before waiting for a slot. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], acknowledgesFirst: true };
