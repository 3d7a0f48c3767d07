import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { followLabel, followListText } from '../src/discord/followReplies.js';
import { inert } from '../src/discord/format.js';
import { noticeReply } from '../src/discord/replies.js';
import { Follow, FollowError } from '../src/follow/store.js';

/** What a member needs to manage a channel's follows. */
const REQUIRED = PermissionFlagsBits.ManageChannels;
/** What the bot needs in the channel to post alerts there. */
const BOT_NEEDS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

const data = new SlashCommandBuilder()
  .setName('follow')
  .setDescription('Post new articles matching a query in this channel (channel managers only)')
  .setDefaultMemberPermissions(REQUIRED)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Follow a query: each new matching article is posted here')
      .addStringOption((o) => o.setName('query').setDescription('Words to match, as for /ask').setRequired(true).setMinLength(2).setMaxLength(200))
      .addStringOption((o) => o.setName('source').setDescription('Only articles from this outlet').setMaxLength(100))
      .addStringOption((o) => o.setName('lang').setDescription('Only articles in this language').addChoices({ name: 'Arabic', value: 'ar' }, { name: 'English', value: 'en' }, { name: 'Persian', value: 'fa' })),
  )
  .addSubcommand((s) => s.setName('list').setDescription("This channel's follows"))
  .addSubcommand((s) =>
    s
      .setName('stop')
      .setDescription('Stop a follow of this channel')
      .addStringOption((o) => o.setName('id').setDescription('The follow id, from /follow list').setRequired(true).setMaxLength(20)),
  );

/** Why this interaction may not manage follows, or null when it may. */
function refusal(interaction: ChatInputCommandInteraction): string | null {
  if (!interaction.inGuild()) return '`/follow` works only in a server channel, for members with the *Manage Channels* permission.';
  if (!interaction.memberPermissions.has(REQUIRED)) return '`/follow` needs the *Manage Channels* permission in this channel.';
  return null;
}

async function execute(interaction: ChatInputCommandInteraction, { follows, logger }: CommandContext): Promise<void> {
  const refused = refusal(interaction);
  if (refused || !follows || !interaction.inGuild()) {
    await interaction.reply(noticeReply(refused ?? 'Follows are not available in this instance of the bot.'));
    return;
  }
  const sub = interaction.options.getSubcommand();
  if (sub === 'list') {
    await interaction.reply(noticeReply(followListText(follows.inChannel(interaction.channelId))));
  } else if (sub === 'stop') {
    const id = interaction.options.getString('id', true).trim();
    const stopped = follows.remove(interaction.channelId, id);
    await interaction.reply(noticeReply(stopped ? `Stopped follow \`${id.replace(/`/g, '')}\`.` : 'This channel has no follow with that id: see `/follow list`.'));
  } else {
    if (!interaction.appPermissions.has(BOT_NEEDS)) {
      await interaction.reply(noticeReply('I cannot post in this channel: give me the *View Channel*, *Send Messages* and *Embed Links* permissions here, then try again.'));
      return;
    }
    const given = Follow.pick({ query: true, source: true, lang: true }).safeParse({
      query: interaction.options.getString('query', true),
      source: interaction.options.getString('source') ?? undefined,
      lang: interaction.options.getString('lang') ?? undefined,
    });
    if (!given.success) {
      const issue = given.error.issues[0]!;
      await interaction.reply(noticeReply(`\`${issue.path.join('.')}\`: expected ${issue.message}.`));
      return;
    }
    try {
      const follow = follows.add({ ...given.data, guildId: interaction.guildId, channelId: interaction.channelId, createdBy: interaction.user.id });
      logger.info({ follow: follow.id, channel: follow.channelId }, 'follow added');
      await interaction.reply(noticeReply(`Following ${inert(followLabel(follow))} here (id \`${follow.id}\`): each new matching article will be posted in this channel.`));
    } catch (error) {
      if (!(error instanceof FollowError)) throw error;
      await interaction.reply(noticeReply(`Not added: ${error.message}.`));
    }
  }
}

/** `/follow add|list|stop`: new articles matching a saved query, posted in the channel (Manage Channels). */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'] };
