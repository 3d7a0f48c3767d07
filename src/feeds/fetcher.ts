/** Polite fetching: one request per second per host, robots.txt obeyed, on top of the guarded GET. */
import parseRobots from 'robots-parser';
import { DEFAULT_LIMITS, type FetchedPage, FetchError, type FetchLimits, fetchGuarded } from './http.js';

/** How long a site's robots.txt is trusted before it is read again. */
const ROBOTS_TTL_MS = 60 * 60 * 1000;

/** Options of a fetcher; every field has a default. */
export interface FetcherOptions extends Partial<FetchLimits> {
  /** Time between two requests to one host. Default 1000 ms. */
  hostSpacingMs?: number;
}

/** Fetches pages politely; shared by every feed so the per-host spacing holds across feeds. */
export interface Fetcher {
  /** GETs a URL the site's robots.txt allows, after waiting for the host's turn. Throws FetchError. */
  get(url: string, headers?: Record<string, string>): Promise<FetchedPage>;
  /** The limits in force. */
  limits: FetchLimits;
}

/** The part of robots-parser's answer used here (its bundled typings do not declare the default export callable). */
interface Robots {
  isDisallowed(url: string, userAgent?: string): boolean | undefined;
}
const robotsParser = parseRobots as unknown as (url: string, text: string) => Robots;

/** Creates a fetcher with its own per-host clock and robots.txt cache. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const { hostSpacingMs = 1000, ...overrides } = options;
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...overrides };
  const nextFree = new Map<string, number>();
  const robots = new Map<string, { rules: Robots | null; until: number }>();

  /** Waits for the host's next free slot (reserved at once, so concurrent callers queue up). */
  const hostTurn = async (host: string) => {
    const now = Date.now();
    const at = Math.max(now, nextFree.get(host) ?? 0);
    nextFree.set(host, at + hostSpacingMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };

  /** The site's robots.txt rules; null (everything allowed) when it has none or it cannot be read. */
  const robotsFor = async (url: URL): Promise<Robots | null> => {
    const cached = robots.get(url.origin);
    if (cached && cached.until > Date.now()) return cached.rules;
    const robotsUrl = `${url.origin}/robots.txt`;
    let rules: Robots | null = null;
    try {
      await hostTurn(url.host);
      const page = await fetchGuarded(robotsUrl, {}, { ...limits, maxBytes: Math.min(limits.maxBytes, 512 * 1024) });
      if (page.status >= 200 && page.status < 300) rules = robotsParser(robotsUrl, page.body.toString('utf8'));
    } catch (error) {
      if (error instanceof FetchError && error.code === 'blocked-address') throw error;
    }
    robots.set(url.origin, { rules, until: Date.now() + ROBOTS_TTL_MS });
    return rules;
  };

  return {
    limits,
    get: (url, headers = {}) =>
      fetchGuarded(url, headers, limits, async (hop) => {
        const rules = await robotsFor(hop);
        if (rules?.isDisallowed(hop.href, limits.userAgent)) throw new FetchError('robots', `${hop.origin}/robots.txt does not allow fetching ${hop.pathname}`);
        await hostTurn(hop.host);
      }),
  };
}
