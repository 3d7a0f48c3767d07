import { type ChatInputCommandInteraction, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { reloadEmbed, statsEmbed } from '../src/discord/archiveReplies.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { inert, LIMITS, NO_MENTIONS, truncate } from '../src/discord/format.js';

const data = new SlashCommandBuilder()
  .setName('archive')
  .setDescription('Run the archive (server managers only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) => s.setName('stats').setDescription('What the archive holds, index age, memory'))
  .addSubcommand((s) => s.setName('reload').setDescription('Re-scan the corpus folder and report what changed'))
  .addSubcommand((s) => s.setName('sources').setDescription('The outlets in the archive'));

async function execute(interaction: ChatInputCommandInteraction, { engine, logger }: CommandContext): Promise<void> {
  const sub = interaction.options.getSubcommand();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (sub === 'stats') {
    await interaction.editReply(statsEmbed(engine.stats(), process.memoryUsage().rss));
  } else if (sub === 'reload') {
    const report = await engine.reload();
    logger.info({ added: report.added.length, changed: report.changed.length, removed: report.removed.length, rejected: report.rejected.length }, 'archive reloaded');
    await interaction.editReply(reloadEmbed(report));
  } else {
    const list = engine.sources().map((s) => `• ${inert(s)}`).join('\n') || 'No sources yet.';
    await interaction.editReply({ content: truncate(list, LIMITS.content), allowedMentions: NO_MENTIONS });
  }
}

/** `/archive stats|reload|sources`: for the people who run the bot (Manage Server). */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'] };
