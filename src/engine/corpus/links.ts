/** Article links as Discord and browsers take them: valid, percent-encoded http(s) URIs, or none. */

/** A corpus link made safe to show, or why it cannot be shown. */
export type Link = { url: string } | { url: null; reason: string };

/** How much of a bad link a warning quotes. */
const MAX_SHOWN = 60;

/**
 * The link a corpus `url` gives: percent-encoded (`new URL(u).href`, so an Arabic path becomes a valid URI),
 * only `http:` and `https:`; anything else (a `javascript:` or `data:` link, text that is no URL) means no link.
 */
export function articleLink(raw: string): Link {
  const given = raw.trim();
  const shown = JSON.stringify(given.slice(0, MAX_SHOWN));
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    return { url: null, reason: `not a URL (expected one such as https://example.com/news/1), got ${shown}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { url: null, reason: `only http and https links are shown, got a ${parsed.protocol} link` };
  return { url: parsed.href };
}
