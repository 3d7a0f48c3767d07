import { describe, expect, it } from 'vitest';
import { cliFailure } from '../../src/cli/handlers.js';
import { failureReply } from '../../src/discord/replies.js';
import { type ArticleRef, failure } from '../../src/engine/index.js';
import { failureWords } from '../../src/render/failureWords.js';

const choice: ArticleRef = { id: 'a1', title: 'الاتفاق النووي', source: 'Wire', date: '2021-10-20', url: null };

describe('the words of the engine’s failures', () => {
  it('word each reason with its data, the code following from the reason', () => {
    const cases = [
      [failure({ kind: 'unknown-source', given: 'Nowhere', known: ['A', 'B'] }), 'bad-query', '`source`: got "Nowhere"; expected one of the archive\'s sources.', ['Known sources: A, B']],
      [failure({ kind: 'other-language', asked: 'en', held: ['ar', 'fa'] }), 'no-results', 'The archive holds no English articles (it holds Arabic, Persian).', ['ask in the language of the articles']],
      [failure({ kind: 'no-match', phrases: true, source: false, dates: false }), 'no-results', 'Nothing in the archive matches that question.', ['drop the quote marks to match the words in any order', 'use fewer or more common words']],
      [failure({ kind: 'ambiguous-title', wanted: 'الاتفاق', count: 7, choices: [choice] }), 'not-found', '7 articles match "الاتفاق"; did you mean one of these?', ['الاتفاق النووي (id a1, 2021-10-20)']],
      [failure({ kind: 'bad-option', option: 'question', given: 'ا'.repeat(70), expected: '2 to 300 characters' }), 'bad-query', `\`question\`: got "${'ا'.repeat(59)}…"; expected 2 to 300 characters.`, []],
    ] as const;
    for (const [failed, code, message, hints] of cases) {
      expect(failed.code).toBe(code);
      expect(failureWords(failed, { ask: 'ask' })).toEqual({ message, hints });
    }
  });

  it('name the search command each front end has, and add Discord’s autocomplete hints', () => {
    const unknown = failure({ kind: 'unknown-article', wanted: 'لا شيء' });
    expect(cliFailure(unknown)).toEqual({ code: 'not-found', message: 'No article has the id or title "لا شيء".', hints: ['search for it with ask, which shows each article’s id'] });
    expect(failureReply(unknown).content).toBe(
      'No article has the id or title "لا شيء".\n• search for it with /ask, which shows each article’s id\n• pick the article from the list that appears as you type its title',
    );
    expect(failureReply(failure({ kind: 'quote-no-match' })).content).toContain('search the wording with /ask');
    expect(failureReply(failure({ kind: 'unknown-speaker', name: 'فلان' })).content).toContain('pick a name from the list that appears as you type');
    expect(cliFailure(failure({ kind: 'unknown-speaker', name: 'فلان' })).hints).toEqual(['check the spelling, or give the surname alone']);
  });
});
