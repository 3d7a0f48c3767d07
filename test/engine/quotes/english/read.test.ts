import { describe, expect, it } from 'vitest';
import { QuoteReader } from '../../../../src/engine/quotes/extract.js';
import { EnglishParser } from '../../../../src/engine/quotes/english/parse.js';
import { readEnglish } from '../../../../src/engine/quotes/english/read.js';

const reader = new QuoteReader();
const quotes = (body: string) => reader.quotations({ body, lang: 'en' });

describe('readEnglish', () => {
  it.each([
    ['said-inversion with apposition', '"We are not doing very well," said Soe Min, a member of the ruling party who lost his seat.', 'We are not doing very well', 'Soe Min', true],
    ['pronoun after a named person', 'Hillary Clinton spoke in Iowa on Monday. "We will not back down," she said.', 'We will not back down', 'Hillary Clinton', true],
    ['pronoun to the nearest person of its sex', 'Senator Elizabeth Warren spoke first. Jeb Bush followed her. "It is our fight," he said.', 'It is our fight', 'Jeb Bush', true],
    ['apposition after the name', 'Josh Earnest, the White House press secretary, said the election was an important step forward.', 'the election was an important step forward', 'Josh Earnest', false],
    ['name between commas after a title', 'Facebook created the tool to help, a spokeswoman, Anna Richardson White, said on Saturday.', 'Facebook created the tool to help', 'Anna Richardson White', false],
    ['told: the addressee is not the speaker', 'Htay Oo, the party\'s acting chairman, told the Reuters news agency, "We lost."', 'We lost.', 'Htay Oo', true],
    ['Mr. X to the fullest name in the article', 'Donald J. Trump spoke in Ohio. Mr. Trump told reporters that the polls were rigged.', 'the polls were rigged', 'Donald J. Trump', false],
    ['according to after the clause', 'The economy grew by 3 percent last year, according to the Commerce Department.', 'The economy grew by 3 percent last year', 'Commerce Department', false],
    ['according to a spokesman for X: X', 'According to a spokesman for the Clinton campaign, the emails were never classified.', 'the emails were never classified', 'Clinton campaign', false],
    ['said that, after a day', 'The White House said on Tuesday that the talks would continue.', 'the talks would continue', 'White House', false],
    ['a clause before he said', 'The economy is weak, Senator Bernie Sanders told voters. The banks are to blame, he said.', 'The banks are to blame', 'Bernie Sanders', false],
    ['the campaign: the campaign named before', 'The Clinton campaign said the emails were never classified. The campaign added that it would appeal the ruling.', 'it would appeal the ruling', 'Clinton campaign', false],
    ['a group is no speaker', 'Some Republicans said the nominee was unfit for office.', 'the nominee was unfit for office', null, false],
    ["doubled apostrophes as marks", "''We will win,'' said Paul Ryan, the speaker of the House.", 'We will win', 'Paul Ryan', true],
  ])('%s', (_, body, text, speaker, direct) => {
    const q = quotes(body).find((x) => x.text === text);
    expect(q).toMatchObject({ text, speaker, direct });
    expect(body.slice(q!.start, q!.end)).toBe(text);
  });

  it('reads a quotation over several paragraphs as one, and a speaker named after it', () => {
    const body = '“We will win this state. We will win it big.\n\n“And then we will win the White House,” Senator Bernie Sanders told supporters in Iowa.';
    expect(quotes(body)).toMatchObject([{ text: 'We will win this state. We will win it big.\n\n“And then we will win the White House', speaker: 'Bernie Sanders', mention: 'Senator Bernie Sanders', cue: 'told', direct: true }]);
  });

  it('gives the speaker of a quotation to the quotations that go on after it without a cue', () => {
    const body = '"There will be no snap election," Theresa May told parliament. "The country needs stability."\n\n"We have a plan and we will stick to it."\n\nThe pound fell.';
    expect(quotes(body).map((q) => [q.text, q.speaker, q.cue])).toEqual([
      ['There will be no snap election', 'Theresa May', 'told'],
      ['The country needs stability.', 'Theresa May', ''],
      ['We have a plan and we will stick to it.', 'Theresa May', ''],
    ]);
  });

  it('gives a second verb the first one\'s subject, and keeps a report inside a clause in it', () => {
    expect(quotes('Sanders said he welcomed the debate and added, "I will keep fighting."').map((q) => [q.text, q.speaker, q.cue])).toEqual([
      ['he welcomed the debate', 'Sanders', 'said'],
      ['I will keep fighting.', 'Sanders', 'added'],
    ]);
  });

  it('keeps what was denied as said, with the denying cue', () => {
    expect(quotes('Paul Ryan spoke to reporters. Mr. Ryan denied that he was running for president.')).toMatchObject([{ text: 'he was running for president', speaker: 'Paul Ryan', cue: 'denied', direct: false }]);
  });

  it('takes no verb, pronoun or fragment for a speaker', () => {
    for (const q of quotes('Trump later said the wall would be built. It said nothing. "This is wrong," he said.')) {
      expect(q.speaker === null || /^[A-Z]/.test(q.speaker)).toBe(true);
      expect(q.speaker).not.toBe('Trump later');
    }
  });

  it('parses with one parser object, loaded once', () => {
    const parser = new EnglishParser();
    const body = 'Jane Doe said the plan would fail.';
    expect(readEnglish(parser, body)).toEqual(readEnglish(parser, body));
  });
});
