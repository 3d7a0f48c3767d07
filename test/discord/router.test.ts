import type { Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotCommand } from '../../src/discord/command.js';
import { PageSessions } from '../../src/discord/paging.js';
import { createRouter } from '../../src/discord/router.js';
import type { ArchiveCatalog, Logger } from '../../src/engine/index.js';
import type { ArchiveService } from '../../src/engine/summary/service.js';

/** A logger that keeps what it is given. */
function recordingLogger() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> = [];
  const make = (bound: object): Logger & { child(fields: object): Logger } => {
    const log = (level: string) => (fields: object, message?: string) => lines.push({ level, fields: { ...bound, ...fields }, message });
    return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: (more) => make({ ...bound, ...more }) };
  };
  return { lines, logger: make({}) };
}

/** The few members of a chat-input interaction the router touches, recording what is sent back. */
function slashCommand(name: string, user = 'u1') {
  const sent: Array<{ how: string; body: { content?: string; flags?: number } }> = [];
  const interaction = {
    id: `i-${Math.random()}`,
    user: { id: user },
    type: 2,
    commandName: name,
    deferred: false,
    replied: false,
    ephemeral: null,
    options: { data: [{ name: 'question', value: 'سؤال' }] },
    isButton: () => false,
    isAutocomplete: () => false,
    isRepliable: () => true,
    isChatInputCommand: () => true,
    isMessageContextMenuCommand: () => false,
    reply: async (body: { content?: string; flags?: number }) => {
      interaction.replied = true;
      sent.push({ how: 'reply', body });
    },
    followUp: async (body: { content?: string; flags?: number }) => void sent.push({ how: 'followUp', body }),
    deleteReply: async () => void sent.push({ how: 'deleteReply', body: {} }),
  };
  return { interaction: interaction as unknown as Interaction, sent };
}

const command = (execute: BotCommand['execute']): BotCommand => ({ data: { name: 'x', toJSON: () => ({ name: 'x', description: 'x' }) }, execute });

describe('createRouter', () => {
  it('turns a command that throws into an ephemeral apology, logs it with the options, and keeps serving', async () => {
    const { lines, logger } = recordingLogger();
    const served: string[] = [];
    const commands = new Map<string, BotCommand>([
      ['boom', command(async () => { throw new Error('index exploded'); })],
      ['fine', command(async (i) => void (await (i as unknown as { reply(b: object): Promise<void> }).reply({ content: 'ok' })))],
    ]);
    const route = createRouter({ commands, catalog: {} as ArchiveCatalog, search: {} as ArchiveService, logger, pages: new PageSessions(), ratePerMinute: 100, maxConcurrent: 2, onServed: (c, o) => served.push(`${c}:${o}`) });
    const boom = slashCommand('boom');
    await route(boom.interaction);
    expect(boom.sent).toEqual([{ how: 'reply', body: expect.objectContaining({ content: expect.stringMatching(/^Sorry, something went wrong/), flags: 64 }) }]);
    const failure = lines.find((l) => l.message === 'command failed')!;
    expect(failure.fields).toMatchObject({ command: 'boom', options: [{ name: 'question', value: 'سؤال' }], requestId: expect.any(String) });
    expect(String(failure.fields.err)).toContain('index exploded');
    const fine = slashCommand('fine');
    await route(fine.interaction);
    expect(fine.sent).toEqual([{ how: 'reply', body: { content: 'ok' } }]);
    expect(served).toEqual(['boom:error', 'fine:ok']);
  });

  it('asks a user who goes too fast to slow down, with the wait, without running the command', async () => {
    const { logger } = recordingLogger();
    let runs = 0;
    const commands = new Map<string, BotCommand>([['fine', command(async (i) => { runs++; await (i as unknown as { reply(b: object): Promise<void> }).reply({ content: 'ok' }); })]]);
    const route = createRouter({ commands, catalog: {} as ArchiveCatalog, search: {} as ArchiveService, logger, pages: new PageSessions(), ratePerMinute: 2, maxConcurrent: 2 });
    for (let n = 0; n < 2; n++) await route(slashCommand('fine').interaction);
    const third = slashCommand('fine');
    await route(third.interaction);
    expect(runs).toBe(2);
    expect(third.sent[0]!.body).toMatchObject({ content: expect.stringMatching(/^Slow down: you can run another command in \d+ s\.$/), flags: 64 });
  });
});
