import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { whosaidReply } from '../src/discord/quoteReplies.js';
import { failureReply } from '../src/discord/replies.js';

const data = new SlashCommandBuilder()
  .setName('whosaid')
  .setDescription('Find who said a quotation, with the article, source and date')
  .addStringOption((o) => o.setName('quote').setDescription('The quotation, or a few words of it').setRequired(true).setMinLength(2).setMaxLength(1000))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

async function execute(interaction: ChatInputCommandInteraction, { engine }: CommandContext): Promise<void> {
  const result = engine.whosaid(interaction.options.getString('quote', true));
  if (!result.ok) {
    await interaction.reply(failureReply(result));
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await interaction.editReply(whosaidReply(result.matches));
}

/** `/whosaid`: the speaker of a quotation, found from a partial or misspelt quote. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'] };
