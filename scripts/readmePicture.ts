/**
 * `npm run picture`: the picture at the top of the README. Starts the fake Discord and the real bot process
 * (`src/main.ts`) on the shipped corpus, sends `/ask` with the README's question, renders the reply's payload as
 * the fake received it to Discord-like HTML and screenshots it with Debian's Chromium into docs/reply.png.
 * Run it again whenever the replies change. Needs `apt-get install chromium fonts-noto-core`.
 */
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { ROOT, startBot } from '../test/discord/botProcess.js';
import { startFakeDiscord } from '../test/support/fakeDiscord.js';
import { CHAT_SELECTOR, messagePage } from './readmePicture/messageHtml.js';
import { screenshotElement } from './readmePicture/screenshot.js';

const COMMAND = 'ask';
const QUESTION = 'التعاون العسكري بين إيران وروسيا';
const PICTURE = join(ROOT, 'docs/reply.png');

/** The bot's answer to `/ask QUESTION` on the shipped corpus, as the fake Discord shows it. */
async function askTheBot(): Promise<APIMessage> {
  const fake = await startFakeDiscord();
  try {
    const bot = await startBot(fake, { corpusDir: join(ROOT, 'corpus') });
    try {
      const interaction = fake.sendSlashCommand({ name: COMMAND, options: { question: QUESTION } });
      return (await fake.waitForReply(interaction.id, { timeout: 30_000 })).message;
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.stop();
  }
}

const message = await askTheBot();
await screenshotElement(messagePage(message, COMMAND), CHAT_SELECTOR, PICTURE);
console.log(`wrote ${PICTURE}: ${message.embeds.length} embeds, ${message.embeds.at(-1)?.footer?.text ?? 'no footer'}`);
