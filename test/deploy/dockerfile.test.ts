/**
 * `docker build` is not available here, so the Dockerfile, .dockerignore and compose.yaml are read
 * and checked for what the deployment relies on (issue 7, item 5).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

/** Dockerfile instructions, continuation lines joined and comments dropped, grouped by stage. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(' ');
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name ?? null : null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `KEY=value` pairs of ENV (and ARG) instructions. */
function variables(stage: Stage, keyword = 'ENV'): Record<string, string> {
  const pairs = stage.instructions.filter((i) => i.keyword === keyword).flatMap((i) => i.args.split(' '));
  return Object.fromEntries(pairs.map((pair) => [pair.split('=')[0]!, pair.split('=').slice(1).join('=')]));
}

const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const SECRET = /TOKEN|SECRET|PASSWORD|API_KEY/i;

describe('Dockerfile', () => {
  it('is multi-stage, every stage on Node 20 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:20(\.\d+)*-slim$/);
  });

  it('builds with npm ci and npm run build, and the runtime takes only dist/ from it', () => {
    expect(runs(build).some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(runs(build).some((r) => r.includes('npm run build'))).toBe(true);
    expect(runs(runtime).some((r) => r.includes('npm ci --omit=dev'))).toBe(true);
    expect(runs(runtime).join(' ')).not.toMatch(/npm run build|npm ci(?! --omit=dev)/);
    const fromBuild = runtime.instructions.filter((i) => i.keyword === 'COPY' && i.args.startsWith('--from='));
    expect(fromBuild.map((i) => i.args)).toEqual([`--from=${build.name} /app/dist ./dist`]);
  });

  it('copies into the build only files that exist and that the build needs', () => {
    const sources = build.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => i.args.split(' ').slice(0, -1));
    for (const source of sources) expect(existsSync(source), source).toBe(true);
    const buildConfig = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
    for (const folder of buildConfig.include) expect(sources).toContain(folder);
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']));
  });

  it('runs as a non-root user from USER on to CMD', () => {
    const keywords = runtime.instructions.map((i) => i.keyword);
    const users = runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(keywords.slice(keywords.lastIndexOf('USER'))).not.toContain('RUN');
  });

  it('reads the corpus and keeps the index cache on volumes of their own', () => {
    expect(variables(runtime)).toMatchObject({ CORPUS_DIR: '/data/corpus', INDEX_CACHE_DIR: '/data/cache' });
    const volumes = runtime.instructions.filter((i) => i.keyword === 'VOLUME').flatMap((i) => JSON.parse(i.args) as string[]);
    expect(volumes).toEqual(expect.arrayContaining(['/data/corpus', '/data/cache']));
  });

  it('runs in production, so that a missing DISCORD_TOKEN stops it (exit 2) instead of opening the console', () => {
    expect(variables(runtime)).toMatchObject({ NODE_ENV: 'production' });
  });

  it('bakes in no secret: no ENV or ARG named like a token or password, no .env copied', () => {
    for (const stage of stages) {
      for (const name of [...Object.keys(variables(stage)), ...Object.keys(variables(stage, 'ARG'))]) expect(name).not.toMatch(SECRET);
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) expect(copy.args).not.toMatch(/(^|\s)\.env\b/);
    }
  });

  it('starts the built bot with node, as npm run start:prod does', () => {
    const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD');
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0]!.args)).toEqual(['node', 'dist/src/main.js']);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).toBe('node dist/src/main.js');
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('keeps secrets, local builds and dependencies out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.git', 'node_modules', 'dist', '.cache']));
  });

  it('does not ignore what the build copies', () => {
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'commands']) expect(ignored).not.toContain(needed);
  });
});

describe('compose.yaml', () => {
  const compose = parseYaml(readFileSync('compose.yaml', 'utf8')) as { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown> };
  const bot = Object.values(compose.services)[0]!;

  it('builds the image here and reads settings from .env at run time', () => {
    expect(bot.build).toBe('.');
    expect([bot.env_file].flat()).toContain('.env');
  });

  it('mounts the corpus and the index cache on their own volumes, at the paths the image uses', () => {
    const volumes = (bot.volumes as string[]).map((v) => v.split(':'));
    expect(volumes.find(([, target]) => target === '/data/corpus')).toBeDefined();
    const cache = volumes.find(([, target]) => target === '/data/cache');
    expect(cache).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(cache![0]);
    expect(bot.environment).toMatchObject({ CORPUS_DIR: '/data/corpus', INDEX_CACHE_DIR: '/data/cache' });
  });

  it('restarts the bot and checks /healthz on HEALTH_PORT', () => {
    expect(bot.restart).toMatch(/^(always|unless-stopped|on-failure)/);
    const check = (bot.healthcheck as { test: string[] }).test.join(' ');
    expect(check).toContain('/healthz');
    expect(check).toContain('HEALTH_PORT');
  });

  it('holds no secret values', () => {
    for (const [name, value] of Object.entries((bot.environment ?? {}) as Record<string, unknown>)) {
      if (SECRET.test(name)) expect(value ?? '').toBe('');
    }
  });
});
