/** A bot process behind a delay proxy for one e2e suite: the setup the gateway, shutdown and limits suites share. */
import { afterAll, beforeAll } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess } from './botProcess.js';
import { startDelayProxy, type DelayProxy } from './delayProxy.js';
import { failOnMalformedBodies } from './e2e.js';

/** The fake Discord, the delay proxy in front of it and the bot that talks to it through the proxy. */
export interface ProxiedBot {
  fake: FakeDiscord;
  proxy: DelayProxy;
  bot: BotProcess;
}

/**
 * Before the suite's tests, starts the fake Discord, a delay proxy in front of it and the bot on a temporary corpus
 * (with `env`); fails a test during which the bot sent a malformed body; after the tests, stops them all (the bot with
 * `stopSignal`). The fields of what it returns are set once the suite's tests run.
 */
export function useProxiedBot(env: Record<string, string> = {}, stopSignal?: NodeJS.Signals): ProxiedBot {
  const suite: Partial<ProxiedBot> = {};
  let corpusDir = '';
  failOnMalformedBodies(() => suite.fake);
  beforeAll(async () => {
    suite.fake = await startFakeDiscord();
    suite.proxy = await startDelayProxy(suite.fake.apiUrl);
    corpusDir = tempCorpus();
    suite.bot = await startBot(suite.fake, { corpusDir, apiUrl: suite.proxy.apiUrl, env });
  });
  afterAll(async () => {
    await suite.bot?.stop(stopSignal);
    await suite.proxy?.stop();
    await suite.fake?.stop();
    removeDir(corpusDir);
  });
  return {
    get fake() {
      return suite.fake!;
    },
    get proxy() {
      return suite.proxy!;
    },
    get bot() {
      return suite.bot!;
    },
  };
}
