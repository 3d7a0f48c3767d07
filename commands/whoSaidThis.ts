import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { whosaidReply } from '../src/discord/quoteReplies.js';
import { failureReply } from '../src/discord/replies.js';

const data = new ContextMenuCommandBuilder().setName('Who said this?').setType(ApplicationCommandType.Message);

async function execute(interaction: MessageContextMenuCommandInteraction, { engine }: CommandContext): Promise<void> {
  const text = interaction.targetMessage.content;
  if (!text.trim()) {
    await interaction.reply(failureReply({ ok: false, code: 'bad-query', message: 'That message has no text to look up.' }));
    return;
  }
  const result = engine.whosaid(text);
  if (!result.ok) {
    await interaction.reply(failureReply(result));
    return;
  }
  await interaction.deferReply();
  await interaction.editReply(whosaidReply(result.matches));
}

/** Message command "Who said this?": the speaker of the quotation in a message, posted in the channel. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'] };
