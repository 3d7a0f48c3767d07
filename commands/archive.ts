import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { reloadEmbed, statsEmbed } from '../src/discord/archiveReplies.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { feedListEmbed, feedStatsField } from '../src/discord/feedReplies.js';
import { inert, LIMITS, NO_MENTIONS, truncate } from '../src/discord/format.js';
import { noticeReply } from '../src/discord/replies.js';
import { FeedListError, type FeedListing, type FeedService, FeedSpec, FetchError, intervalMs, intervalText } from '../src/feeds/index.js';

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
  .addSubcommand((s) => s.setName('sources').setDescription('The outlets in the archive'))
  .addSubcommandGroup((g) =>
    g
      .setName('feeds')
      .setDescription('News feeds the archive follows')
      .addSubcommand((s) =>
        s
          .setName('add')
          .setDescription('Follow an RSS, Atom or JSON feed: its new articles join the archive')
          .addStringOption((o) => o.setName('url').setDescription('The feed address (http or https)').setRequired(true).setMaxLength(2000))
          .addStringOption((o) => o.setName('source').setDescription('The outlet, as answers name it').setRequired(true).setMaxLength(100))
          .addStringOption((o) => o.setName('lang').setDescription('The articles\' language (detected when absent)').addChoices({ name: 'Arabic', value: 'ar' }, { name: 'English', value: 'en' }, { name: 'Persian', value: 'fa' }))
          .addStringOption((o) => o.setName('interval').setDescription('How often to fetch it, e.g. 10m (default), 30m, 1h').setMaxLength(10)),
      )
      .addSubcommand((s) => s.setName('list').setDescription('Each feed with its last and next fetch, articles added and last error'))
      .addSubcommand((s) =>
        s
          .setName('remove')
          .setDescription('Stop following a feed (its articles stay)')
          .addStringOption((o) => o.setName('url').setDescription('The feed address').setRequired(true).setMaxLength(2000).setAutocomplete(true)),
      ),
  );

/** Why this interaction may not run the archive, or null when it may: checked here too, not left to Discord's registration alone. */
function refusal(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string | null {
  if (!interaction.inGuild()) return '`/archive` works only in a server, for members with the *Manage Server* permission.';
  if (!interaction.memberPermissions.has(REQUIRED)) return '`/archive` needs the *Manage Server* permission in this server.';
  return null;
}

/** The followed feeds, or null while `feeds.yaml` cannot be read. */
function listingsOrNull(feeds: FeedService): FeedListing[] | null {
  try {
    return feeds.list();
  } catch (error) {
    if (error instanceof FeedListError) return null;
    throw error;
  }
}

/** `/archive feeds add|list|remove`: bad input and a bad `feeds.yaml` are answered with a notice saying what to fix. */
async function feedsCommand(interaction: ChatInputCommandInteraction, sub: string, { feeds, logger }: CommandContext): Promise<void> {
  if (!feeds) {
    await interaction.reply(noticeReply('Feeds are not followed by this instance of the bot.'));
    return;
  }
  try {
    if (sub === 'list') {
      await interaction.reply({ ...feedListEmbed(feeds.list()), flags: MessageFlags.Ephemeral });
    } else if (sub === 'add') {
      const given = { url: interaction.options.getString('url', true).trim(), source: interaction.options.getString('source', true), lang: interaction.options.getString('lang') ?? undefined, interval: interaction.options.getString('interval') ?? undefined };
      const feed = FeedSpec.safeParse(given);
      if (!feed.success) {
        const issue = feed.error.issues[0]!;
        await interaction.reply(noticeReply(`\`${issue.path.join('.')}\`: expected ${issue.message}.`));
        return;
      }
      feeds.add(feed.data);
      logger.info({ feed: feed.data.url, source: feed.data.source }, 'feed followed');
      const every = intervalText(intervalMs(feed.data));
      await interaction.reply(noticeReply(`Following \`${feed.data.url.replace(/`/g, '%60')}\` as ${inert(feed.data.source)}, every ${every}. The first fetch starts now: see \`/archive feeds list\`.`));
    } else {
      const url = interaction.options.getString('url', true).trim();
      const removed = feeds.remove(url);
      if (removed) logger.info({ feed: url }, 'feed no longer followed');
      await interaction.reply(noticeReply(removed ? `No longer following \`${url.replace(/`/g, '%60')}\`; its articles stay in the archive.` : 'That feed is not followed: see `/archive feeds list`.'));
    }
  } catch (error) {
    if (error instanceof FetchError) return void (await interaction.reply(noticeReply(`That feed cannot be followed: ${inert(error.message)}.`)));
    if (!(error instanceof FeedListError)) throw error;
    const fix = error.message.startsWith('feeds.yaml') ? ' Fix `feeds.yaml` at the top of the corpus folder.' : '';
    await interaction.reply(noticeReply(`${inert(error.message)}.${fix}`));
  }
}

/** Offers the followed feeds' URLs while `/archive feeds remove url:` is typed. */
async function autocomplete(interaction: AutocompleteInteraction, { feeds }: CommandContext): Promise<void> {
  if (refusal(interaction)) return interaction.respond([]);
  const typed = interaction.options.getFocused().toLowerCase();
  const listings = (feeds && listingsOrNull(feeds)) ?? [];
  const choices = listings
    .filter(({ feed }) => feed.url.length <= LIMITS.choiceValue && `${feed.url} ${feed.source}`.toLowerCase().includes(typed))
    .slice(0, LIMITS.choices)
    .map(({ feed }) => ({ name: truncate(`${feed.source} · ${feed.url}`, LIMITS.choiceName), value: feed.url }));
  await interaction.respond(choices);
}

async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const { catalog, logger } = ctx;
  const refused = refusal(interaction);
  if (refused) {
    logger.warn({ guild: interaction.guildId, user: interaction.user.id }, 'archive command refused');
    await interaction.reply(noticeReply(refused));
    return;
  }
  const sub = interaction.options.getSubcommand();
  if (interaction.options.getSubcommandGroup(false) === 'feeds') {
    await feedsCommand(interaction, sub, ctx);
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (sub === 'stats') {
    const reply = statsEmbed(catalog.stats(), process.memoryUsage().rss);
    const listings = ctx.feeds && listingsOrNull(ctx.feeds);
    if (listings) reply.embeds[0]!.fields!.push(feedStatsField(listings));
    await interaction.editReply(reply);
  } else if (sub === 'reload') {
    const report = await catalog.reload();
    logger.info({ added: report.added.length, changed: report.changed.length, removed: report.removed.length, rejected: report.rejected.length }, 'archive reloaded');
    await interaction.editReply(reloadEmbed(report));
  } else {
    const list = (await catalog.sources()).map((s) => `• ${inert(s)}`).join('\n') || 'No sources yet.';
    await interaction.editReply({ content: truncate(list, LIMITS.content), allowedMentions: NO_MENTIONS });
  }
}

/** `/archive stats|reload|sources|feeds …`: for the people who run the bot (Manage Server). */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], autocomplete };
