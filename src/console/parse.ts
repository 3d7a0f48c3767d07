/** A console line taken apart: the slash command and its options, as Discord would pass them. */
export interface ConsoleCommand {
  name: string;
  options: Record<string, string>;
}

/** Option names each console command accepts, the first being where bare text goes. */
export const CONSOLE_OPTIONS: Record<string, readonly string[]> = {
  ask: ['question', 'source', 'from', 'to', 'private'],
  summary: ['topic', 'article', 'sentences', 'private'],
  whosaid: ['quote', 'private'],
  quotes: ['speaker', 'private'],
  archive: ['action'],
  about: [],
};

/**
 * Parses `/ask question: … source: …` (or `/ask <question>`) into a command; `null` for a line
 * that is not a command. Only known option names followed by a colon start an option, so a
 * colon inside Arabic text stays part of the value.
 */
export function parseConsoleLine(line: string): ConsoleCommand | null {
  const match = /^\s*\/?([a-z]+)\b\s*(.*)$/is.exec(line.trim());
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  const known = CONSOLE_OPTIONS[name];
  if (!known) return { name, options: {} };
  const rest = match[2]!;
  const marker = new RegExp(`(?:^|\\s)(${known.join('|')}):`, 'gi');
  const marks = [...rest.matchAll(marker)];
  const options: Record<string, string> = {};
  const bare = (marks.length ? rest.slice(0, marks[0]!.index) : rest).trim();
  if (bare) options[known[0]!] = bare;
  marks.forEach((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : rest.length;
    options[mark[1]!.toLowerCase()] = rest.slice(mark.index + mark[0].length, end).trim();
  });
  return { name, options };
}
