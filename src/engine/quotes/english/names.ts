/** What compromise's English lexicon knows of a capitalised word: a first name and its sex, a surname, a place, an organisation. */
import { createRequire } from 'node:module';

/** What a name word is, by the lexicon. */
export type NameKind = 'female' | 'male' | 'first' | 'surname' | 'place' | 'org' | 'time' | 'word' | 'unknown';

const KINDS: Array<[RegExp, NameKind]> = [
  [/FemaleName/, 'female'],
  [/MaleName/, 'male'],
  [/FirstName/, 'first'],
  [/LastName|Person/, 'surname'],
  [/Country|City|Region|Place|Demonym/, 'place'],
  [/Organization|SportsTeam/, 'org'],
  [/WeekDay|Month|Date|Duration/, 'time'],
];

/** compromise's lexicon (24k words, loaded on first use), read as name kinds. */
export class NameBook {
  private lexicon: Record<string, string | string[]> | null = null;

  /** The kind of a word or of a few words (`los angeles`), lower-cased. */
  kindOf(words: string): NameKind {
    const tags = this.load()[words];
    if (tags === undefined) return 'unknown';
    const text = String(tags);
    return KINDS.find(([re]) => re.test(text))?.[1] ?? 'word';
  }

  private load(): Record<string, string | string[]> {
    if (!this.lexicon) {
      const nlp = createRequire(import.meta.url)('compromise/two') as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } };
      this.lexicon = nlp.world().model.one.lexicon;
    }
    return this.lexicon;
  }
}
