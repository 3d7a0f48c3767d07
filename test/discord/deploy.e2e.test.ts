import { spawn } from 'node:child_process';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { silentLogger } from '../../src/engine/index.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.js';
import { FAKE_TOKEN, ROOT } from './botProcess.js';
import { failOnMalformedBodies } from './e2e.js';

const GUILD = '500000000000000001';

/** Runs `npm run deploy-commands` with exactly this environment (plus PATH and HOME). */
function deploy(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn('npm', ['run', '--silent', 'deploy-commands'], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const killer = setTimeout(() => child.kill('SIGKILL'), 110_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

type Run = Awaited<ReturnType<typeof deploy>>;

describe('npm run deploy-commands against the fake Discord', () => {
  let fake: FakeDiscord;
  let definitions: RESTPostAPIApplicationCommandsJSONBody[];
  let runs: Record<'guild' | 'global' | 'noApplication' | 'refused', Run>;
  const putTo = (path: string) => fake.requests.filter((r) => r.method === 'PUT' && r.path === path);

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    definitions = [...(await loadCommands(silentLogger)).values()].map((c) => c.data.toJSON());
    const env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    const { DISCORD_APPLICATION_ID: _, ...noApplication } = env;
    // Each run is a fresh `npm` + `tsx` process; they go in parallel to keep the suite short.
    const [guild, global, missing, refused] = await Promise.all([
      deploy({ ...env, DISCORD_GUILD_ID: GUILD }),
      deploy(env),
      deploy(noApplication),
      deploy({ ...env, DISCORD_APPLICATION_ID: '100000000000000999' }),
    ]);
    runs = { guild: guild!, global: global!, noApplication: missing!, refused: refused! };
  }, 120_000);

  afterAll(async () => {
    await fake?.stop();
  });

  it('registers every command in the guild, with exactly the payloads the command modules define', () => {
    const { code, stderr } = runs.guild;
    expect(code, stderr).toBe(0);
    const puts = putTo(`/applications/${fake.applicationId}/guilds/${GUILD}/commands`);
    expect(puts.map((r) => r.status)).toEqual([200]);
    expect(puts[0]!.body).toEqual(definitions);
    expect(definitions.map((d) => d.name)).toContain('ask');
    expect(fake.registeredCommands(GUILD).map((c) => c.name)).toEqual(definitions.map((d) => d.name));
    expect(stderr).toMatch(/commands registered/);
    expect(stderr).not.toContain(FAKE_TOKEN);
  });

  it('registers globally without DISCORD_GUILD_ID', () => {
    const { code, stderr } = runs.global;
    expect(code, stderr).toBe(0);
    const puts = putTo(`/applications/${fake.applicationId}/commands`);
    expect(puts.map((r) => r.status)).toEqual([200]);
    expect(puts[0]!.body).toEqual(definitions);
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(definitions.map((d) => d.name));
  });

  it('refuses to run without an application id, naming what is missing', () => {
    expect(runs.noApplication.code).toBe(2);
    expect(runs.noApplication.stderr).toMatch(/DISCORD_APPLICATION_ID/);
  });

  it('exits 1 with a readable message when Discord refuses the registration', () => {
    const { code, stderr } = runs.refused;
    expect(code).toBe(1);
    expect(stderr).toMatch(/failed: 403 Missing Access/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
