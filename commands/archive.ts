import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { reloadEmbed, statsEmbed } from '../src/discord/archiveReplies.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { inert, LIMITS, NO_MENTIONS, truncate } from '../src/discord/format.js';
import { noticeReply } from '../src/discord/replies.js';

/** What a member needs to run the archive. */
const REQUIRED = PermissionFlagsBits.ManageGuild;

const data = new SlashCommandBuilder()
  .setName('archive')
  .setDescription('Run the archive (server managers only)')
  .setDefaultMemberPermissions(REQUIRED)
  // Servers only: in a DM `default_member_permissions` does not apply, so anyone could run it there.
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) => s.setName('stats').setDescription('What the archive holds, index age, memory'))
  .addSubcommand((s) => s.setName('reload').setDescription('Re-scan the corpus folder and report what changed'))
  .addSubcommand((s) => s.setName('sources').setDescription('The outlets in the archive'));

/** Why this interaction may not run the archive, or null when it may: checked here too, not left to Discord's registration alone. */
function refusal(interaction: ChatInputCommandInteraction): string | null {
  if (!interaction.inGuild()) return '`/archive` works only in a server, for members with the *Manage Server* permission.';
  if (!interaction.memberPermissions.has(REQUIRED)) return '`/archive` needs the *Manage Server* permission in this server.';
  return null;
}

async function execute(interaction: ChatInputCommandInteraction, { engine, logger }: CommandContext): Promise<void> {
  const refused = refusal(interaction);
  if (refused) {
    logger.warn({ guild: interaction.guildId, user: interaction.user.id }, 'archive command refused');
    await interaction.reply(noticeReply(refused));
    return;
  }
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
