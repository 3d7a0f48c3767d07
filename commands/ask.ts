import { type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { AskQuery } from '../src/engine/index.js';
import type { BotCommand, CommandContext } from '../src/discord/command.js';
import { choiceName } from '../src/discord/format.js';
import { ASK_PAGE_SIZE, askReply, failureReply, noticeReply } from '../src/discord/replies.js';

/** What a page of `/ask` is recomputed from. */
interface AskRequest {
  question: string;
  source?: string;
  from?: string;
  to?: string;
}

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Search the archive: exact passages with their source and date')
  .addStringOption((o) => o.setName('question').setDescription('What to look for (words or a "quoted phrase")').setRequired(true).setMinLength(2).setMaxLength(300))
  .addStringOption((o) => o.setName('source').setDescription('Only this outlet').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('from').setDescription('From this day, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
  .addStringOption((o) => o.setName('to').setDescription('Up to this day, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

async function execute(interaction: ChatInputCommandInteraction, { engine, pages }: CommandContext): Promise<void> {
  const request: AskRequest = {
    question: interaction.options.getString('question', true),
    source: interaction.options.getString('source') ?? undefined,
    from: interaction.options.getString('from') ?? undefined,
    to: interaction.options.getString('to') ?? undefined,
  };
  const valid = AskQuery.safeParse(request);
  if (!valid.success) {
    await interaction.reply(failureReply({ ok: false, code: 'bad-query', message: valid.error.issues[0]!.message }));
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const answer = engine.ask({ ...request, limit: ASK_PAGE_SIZE });
  if (!answer.ok) {
    if (!ephemeral) await interaction.deleteReply();
    await interaction.followUp(failureReply(answer));
    return;
  }
  const session = pages.open(interaction.user.id, request, answer.total, () => {
    interaction.editReply(askReply(answer, 0, session.id, true)).catch(() => undefined);
  });
  await interaction.editReply(askReply(answer, 0, session.id));
}

async function autocomplete(interaction: AutocompleteInteraction, { engine }: CommandContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const sources = engine.sources().filter((s) => s.toLowerCase().includes(typed));
  await interaction.respond(sources.slice(0, 25).map((s) => ({ name: choiceName(s), value: s.slice(0, 100) })));
}

async function button(interaction: ButtonInteraction, { engine, pages }: CommandContext): Promise<void> {
  const [, sessionId = '', offsetText = '0'] = interaction.customId.split(':');
  const session = pages.get(sessionId);
  if (!session) {
    await interaction.reply(noticeReply('These results have expired. Run /ask again.'));
    return;
  }
  if (session.ownerId !== interaction.user.id) {
    await interaction.reply(noticeReply('Only the person who asked can page through these results. Run /ask yourself to browse.'));
    return;
  }
  const offset = Math.max(0, Number.parseInt(offsetText, 10) || 0);
  const answer = engine.ask({ ...(session.request as AskRequest), limit: ASK_PAGE_SIZE, offset });
  if (!answer.ok) {
    await interaction.reply(failureReply(answer));
    return;
  }
  await interaction.update(askReply(answer, offset, session.id));
}

/** `/ask`: verbatim passages that answer a question, three at a time. */
export const command: BotCommand = { data, execute: execute as BotCommand['execute'], autocomplete, button };
