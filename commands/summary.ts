import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { offerChoices } from '../src/discord/autocomplete.js';
import { choiceName } from '../src/discord/format.js';
import { failureReply } from '../src/discord/replies.js';
import { articleSummaryReply, topicSummaryReply } from '../src/discord/summaryReplies.js';

const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('Post a summary of an article, or of what the archive says about a topic')
  .addStringOption((o) => o.setName('article').setDescription('The article (type part of its title)').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('topic').setDescription('A topic, e.g. الاتفاق النووي').setMinLength(2).setMaxLength(300))
  .addIntegerOption((o) => o.setName('sentences').setDescription('How many sentences (1–10)').setMinValue(1).setMaxValue(10))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the summary'));

async function execute(interaction: ChatInputCommandInteraction, { search }: CommandContext): Promise<void> {
  const article = interaction.options.getString('article')?.trim();
  const topic = interaction.options.getString('topic')?.trim();
  const sentences = interaction.options.getInteger('sentences') ?? undefined;
  if (Boolean(article) === Boolean(topic)) {
    await interaction.reply(failureReply({ message: 'Give either an `article` or a `topic` (one of the two).', hints: [] }));
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const result = article ? await search.summarizeArticle(article, sentences) : await search.summarizeTopic(topic!, sentences);
  if (!result.ok) {
    await interaction.reply(failureReply(result));
    return;
  }
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await interaction.editReply('sources' in result ? topicSummaryReply(result) : articleSummaryReply(result));
}

async function autocomplete(interaction: AutocompleteInteraction, { catalog, logger }: CommandContext): Promise<void> {
  const typed = interaction.options.getFocused();
  await offerChoices(interaction, logger, () => catalog.findArticles(typed, 25), (a) => ({ name: choiceName(`${a.title} (${a.source}, ${a.date})`), value: a.id.slice(0, 100) }));
}

/** `/summary`: an article's key sentences, or a cited summary of a topic across the archive. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], autocomplete };
