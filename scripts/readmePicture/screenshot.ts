/**
 * A picture of one element of an HTML page, taken by Debian's Chromium (`apt-get install chromium`) driven headless
 * through playwright-core: a fresh profile, offline, nothing phoned home, and never a browser of Playwright's own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { removeDir } from '../../test/discord/botProcess.js';

/** Debian's Chromium. */
const CHROMIUM = '/usr/bin/chromium';

/** No GPU, QUIC, first-run, background or update traffic (playwright-core adds --headless and, with chromiumSandbox false, --no-sandbox). */
const FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails with what to install when Chromium or a font with Arabic letters is missing. */
function checkSystem(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: install Debian's package (apt-get install chromium)`);
  if (!execFileSync('fc-list', [':lang=ar', 'family'], { encoding: 'utf8' }).trim()) {
    throw new Error('no font with Arabic letters (fc-list :lang=ar is empty): apt-get install fonts-noto-core');
  }
}

/** Writes a PNG of the element `selector` of `html`, at twice the CSS pixel size (sharp on high-density screens). */
export async function screenshotElement(html: string, selector: string, path: string): Promise<void> {
  checkSystem();
  const profile = mkdtempSync(join(tmpdir(), 'readme-picture-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    offline: true,
    viewport: { width: 800, height: 600 },
    deviceScaleFactor: 2,
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.locator(selector).screenshot({ path, animations: 'disabled' });
  } finally {
    await browser.close();
    removeDir(profile);
  }
}
