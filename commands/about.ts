import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { EMBED_COLOR, NO_MENTIONS } from '../src/discord/format.js';

const data = new SlashCommandBuilder().setName('about').setDescription('What this archive holds and how to use the bot');

async function execute(interaction: ChatInputCommandInteraction, { catalog }: CommandContext): Promise<void> {
  const stats = catalog.stats();
  const description = [
    `This bot knows **${stats.articles.toLocaleString('en-US')} article${stats.articles === 1 ? '' : 's'}** from ${stats.sources} source${stats.sources === 1 ? '' : 's'}` +
      (stats.firstDate ? `, ${stats.firstDate} to ${stats.lastDate}` : '') +
      `, with ${stats.quotations.toLocaleString('en-US')} quotation${stats.quotations === 1 ? '' : 's'}. Every answer quotes the articles word for word, with source, date and link.`,
    '',
    '`/ask` a question (a "quoted phrase" must appear as typed; filter by `source`, `from`, `to`)',
    '`/whosaid` a few words of a quotation: who said it, where and when',
    '`/quotes` everything a person is quoted as saying',
    '`/summary` of an article, or of a topic across the archive',
    'Right-click a message → Apps → **Who said this?**',
    '',
    'Add `private: True` to see an answer only yourself.',
  ].join('\n');
  await interaction.reply({ embeds: [{ color: EMBED_COLOR, title: 'About this archive', description }], allowedMentions: NO_MENTIONS, flags: MessageFlags.SuppressNotifications });
}

/** `/about`: what the archive holds and how to use the bot. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'] };
