import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  SlashCommandBuilder,
  type Interaction,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type SentInteraction } from './fakeDiscord.js';

const GUILD = '500000000000000001';

async function loggedInClient(options?: FakeDiscordOptions): Promise<{ fake: FakeDiscord; client: Client }> {
  const fake = await startFakeDiscord(options);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login('fake-token');
  await ready;
  return { fake, client };
}

/** Pushes an interaction with `send` and returns it as the client receives it, checked to be the expected kind. */
async function receive<T extends Interaction>(client: Client, send: () => SentInteraction, is: (i: Interaction) => i is T) {
  const arriving = new Promise<Interaction>((resolve) => client.once(Events.InteractionCreate, resolve));
  const sent = send();
  const interaction = await arriving;
  if (!is(interaction)) throw new Error(`interaction ${interaction.id} (type ${interaction.type}) is not the expected kind`);
  return { sent, interaction };
}

/** Expects `promise` to reject the way discord.js reports a Discord error answer. */
async function expectDiscordError(promise: Promise<unknown>, status: number, code: number): Promise<DiscordAPIError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordAPIError);
  expect(error).toMatchObject({ status, code });
  return error as DiscordAPIError;
}

const ask = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the archive')
  .addStringOption((o) => o.setName('question').setDescription('What to ask').setRequired(true))
  .addStringOption((o) => o.setName('source').setDescription('Outlet').setAutocomplete(true))
  .addIntegerOption((o) => o.setName('limit').setDescription('How many'))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see it'));

describe('a discord.js Client against the fake Discord', () => {
  let fake: FakeDiscord;
  let client: Client;
  const isCommand = (i: Interaction) => i.isChatInputCommand();
  const askQuestion = (question = 'x') => receive(client, () => fake.sendSlashCommand({ name: 'ask', options: { question } }), isCommand);

  beforeAll(async () => {
    ({ fake, client } = await loggedInClient({ heartbeatInterval: 100 }));
  });

  afterAll(async () => {
    await client.destroy();
    await fake.stop();
  });

  it('logs in through GET /gateway/bot, IDENTIFY and READY, and gets heartbeats acknowledged', async () => {
    expect(client.user?.id).toBe(fake.applicationId);
    expect(await fake.waitForReady()).toBe('identified');
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain('GET /gateway/bot 200');
    await expect.poll(() => client.ws.ping, { timeout: 2000 }).toBeGreaterThanOrEqual(0);
  });

  it('records and echoes a bulk command registration, and refuses invalid definitions', async () => {
    const route = Routes.applicationGuildCommands(fake.applicationId, GUILD);
    const body = [ask.toJSON(), { name: 'Who said this?', type: 3 }];
    const saved = (await client.rest.put(route, { body })) as { id: string; name: string }[];
    expect(saved.map((c) => c.name)).toEqual(['ask', 'Who said this?']);
    expect(fake.requests.find((r) => r.method === 'PUT' && r.path === route)?.body).toEqual(body);
    expect(fake.registeredCommands(GUILD).map((c) => c.id)).toEqual(saved.map((c) => c.id));
    const options = [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }];
    await expectDiscordError(client.rest.put(route, { body: [{ name: 'bad', description: 'x', options }] }), 400, 50035);
  });

  it('delivers a slash command as a ChatInputCommandInteraction with its options', async () => {
    const options = { question: 'من قال ذلك؟', limit: 3, private: true };
    const { sent, interaction } = await receive(client, () => fake.sendSlashCommand({ name: 'ask', options, guildId: GUILD }), isCommand);
    expect([interaction.id, interaction.commandName, interaction.guildId]).toEqual([sent.id, 'ask', GUILD]);
    expect(interaction.commandId).toBe(fake.registeredCommands(GUILD)[0]?.id);
    expect(interaction.options.getString('question')).toBe('من قال ذلك؟');
    expect(interaction.options.getInteger('limit')).toBe(3);
    expect(interaction.options.getBoolean('private')).toBe(true);
    expect(interaction.memberPermissions?.has('SendMessages')).toBe(true);
  });

  it('records deferReply then editReply, and waitForReply gives the edited message', async () => {
    const { sent, interaction } = await askQuestion();
    const deferred = await interaction.deferReply({ withResponse: true });
    expect(deferred.interaction.responseMessageLoading).toBe(true);
    const edited = await interaction.editReply({ embeds: [new EmbedBuilder().setTitle('Bagheri').setDescription('«…»')] });
    const reply = await fake.waitForReply(sent.id);
    expect(reply.message.id).toBe(edited.id);
    expect(reply.message.embeds[0]).toMatchObject({ title: 'Bagheri', description: '«…»' });
    expect([reply.ephemeral, reply.elapsed < 3000]).toEqual([false, true]);
    expect(fake.callbacksFor(sent.id).map((r) => (r.body as { type: number }).type)).toEqual([5]);
    const patches = fake.requests.filter((r) => r.interactionId === sent.id && r.method === 'PATCH');
    expect(patches.map((r) => r.path)).toEqual([`/webhooks/${fake.applicationId}/${sent.token}/messages/@original`]);
  });

  it('lets the deferral, not the first follow-up, decide whether the answer is ephemeral', async () => {
    const { sent, interaction } = await askQuestion();
    await interaction.deferReply();
    await interaction.followUp({ content: 'an error', flags: MessageFlags.Ephemeral });
    expect(await fake.waitForReply(sent.id)).toMatchObject({ ephemeral: false, message: { content: 'an error' } });
  });

  it('records an ephemeral reply with flags 64, a multipart follow-up, and refuses a second acknowledgement', async () => {
    const { sent, interaction } = await askQuestion();
    await interaction.reply({ content: 'only you', flags: MessageFlags.Ephemeral });
    expect(await fake.waitForReply(sent.id)).toMatchObject({ ephemeral: true, message: { content: 'only you', flags: 64 } });
    await interaction.followUp({ content: 'file', files: [{ attachment: Buffer.from('hi'), name: 'a.txt' }] });
    const messages = fake.messagesFor(sent.id).map((m) => [m.content, m.attachments.map((a) => a.filename)]);
    expect(messages).toEqual([['only you', []], ['file', ['a.txt']]]);
    const again = client.rest.post(Routes.interactionCallback(sent.id, sent.token), { body: { type: 4, data: { content: 'again' } }, auth: false });
    await expectDiscordError(again, 400, 40060);
  });

  it('resolves mentions only as allowed_mentions permits', async () => {
    const { sent, interaction } = await askQuestion();
    await interaction.reply({ content: '@everyone <@42>', allowedMentions: { parse: [] } });
    expect((await fake.waitForReply(sent.id)).message).toMatchObject({ mention_everyone: false, mentions: [] });
    const loud = await interaction.followUp({ content: '@everyone <@42>' });
    expect([loud.mentions.everyone, loud.mentions.users.map((u) => u.id)]).toEqual([true, ['42']]);
  });

  it('records autocomplete choices and refuses more than 25', async () => {
    const isAutocomplete = (i: Interaction) => i.isAutocomplete();
    const typing = (source: string) => () => fake.sendAutocomplete({ name: 'ask', options: { question: 'x', source }, focused: 'source' });
    const { sent, interaction } = await receive(client, typing('Ira'), isAutocomplete);
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'source', value: 'Ira' });
    await interaction.respond([{ name: 'Iran International', value: 'Iran International' }]);
    const choices = [{ name: 'Iran International', value: 'Iran International' }];
    expect((await fake.waitForCallback(sent.id)).body).toEqual({ type: 8, data: { choices } });

    const second = await receive(client, typing(''), isAutocomplete);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ name: `s${i}`, value: `s${i}` }));
    await expectDiscordError(second.interaction.respond(tooMany), 400, 50035);
  });

  it('updates the message a button is on (callback type 7)', async () => {
    const { sent, interaction } = await askQuestion();
    const next = new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary);
    await interaction.reply({ content: 'page 1', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(next)] });
    const { message } = await fake.waitForReply(sent.id);

    const other = { id: '300000000000000002', username: 'other' };
    const press = await receive(client, () => fake.sendButton({ customId: 'next', message, user: other }), (i) => i.isButton());
    const button = press.interaction;
    expect([button.customId, button.message.id, button.user.username]).toEqual(['next', message.id, 'other']);
    await button.update({ content: 'page 2' });
    expect((await fake.waitForCallback(press.sent.id)).body).toMatchObject({ type: 7 });
    expect((await fake.waitForReply(press.sent.id)).message).toMatchObject({ id: message.id, content: 'page 2' });
  });

  it('delivers a message context command with its target message', async () => {
    const targetMessage = { content: 'قال باقري إن التعاون ينمو', author: { username: 'reader' } };
    const send = () => fake.sendMessageCommand({ name: 'Who said this?', targetMessage });
    const { interaction } = await receive(client, send, (i) => i.isMessageContextMenuCommand());
    expect([interaction.targetMessage.content, interaction.targetMessage.author.username]).toEqual([targetMessage.content, 'reader']);
  });

  it('rejects embeds over Discord limits with a 400 that discord.js turns into DiscordAPIError', async () => {
    const { interaction } = await askQuestion();
    await interaction.deferReply();
    const tooLong = await expectDiscordError(interaction.editReply({ embeds: [{ description: 'x'.repeat(4097) }] }), 400, 50035);
    expect(tooLong.message).toContain('embeds[0].description[BASE_TYPE_MAX_LENGTH]');
    const tooBig = interaction.editReply({ embeds: [{ description: 'x'.repeat(3500) }, { description: 'y'.repeat(3500) }] });
    expect((await expectDiscordError(tooBig, 400, 50035)).message).toContain('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('answers unknown routes with 404 JSON', async () => {
    await expectDiscordError(client.rest.get('/channels/1/nothing'), 404, 0);
  });

  it('resumes after a gateway disconnect and replays what was sent meanwhile', async () => {
    fake.disconnectGateway();
    const arriving = askQuestion('after');
    expect(await fake.waitForReady()).toBe('resumed');
    const { sent, interaction } = await arriving;
    await interaction.reply({ content: 'still here' });
    expect((await fake.waitForReply(sent.id)).message.content).toBe('still here');
  });
});

describe('the fake Discord deadlines', () => {
  let fake: FakeDiscord;
  let client: Client;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const askQuestion = () => receive(client, () => fake.sendSlashCommand({ name: 'ask', options: { question: 'x' } }), (i) => i.isChatInputCommand());

  beforeAll(async () => {
    ({ fake, client } = await loggedInClient({ callbackDeadlineMs: 200, tokenLifetimeMs: 400 }));
  });

  afterAll(async () => {
    await client.destroy();
    await fake.stop();
  });

  it('answers a callback after the deadline with 404 Unknown interaction', async () => {
    const { sent, interaction } = await askQuestion();
    await sleep(250);
    await expectDiscordError(interaction.deferReply(), 404, 10062);
    expect((await fake.waitForCallback(sent.id)).status).toBe(404);
  });

  it('answers webhook calls with an expired token with 401 Invalid Webhook Token', async () => {
    const { interaction } = await askQuestion();
    await interaction.deferReply();
    await sleep(450);
    await expectDiscordError(interaction.editReply('too late'), 401, 50027);
  });
});
