import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { whosaidReply } from '../src/discord/quoteReplies.js';
import { failureReply, sendError } from '../src/discord/replies.js';

const data = new ContextMenuCommandBuilder().setName('Who said this?').setType(ApplicationCommandType.Message);

async function execute(interaction: MessageContextMenuCommandInteraction, { search, slot }: CommandContext): Promise<void> {
  const text = interaction.targetMessage.content;
  if (!text.trim()) {
    await interaction.reply(failureReply({ message: 'That message has no text to look up.', hints: [] }));
    return;
  }
  await interaction.deferReply();
  await slot();
  const result = await search.whosaid(text);
  if (!result.ok) {
    await sendError(interaction, failureReply(result));
    return;
  }
  await interaction.editReply(whosaidReply(result.matches));
}

/** Message command "Who said this?": the speaker of the quotation in a message, posted in the channel; it defers before waiting for a slot. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], acknowledgesFirst: true };
