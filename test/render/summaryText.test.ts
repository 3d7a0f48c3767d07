import { describe, expect, it } from 'vitest';
import { withSpeaker } from '../../src/render/summaryText.js';

describe('withSpeaker', () => {
  it.each([
    [{ text: 'التعاون العسكري ينمو ويتسع', speaker: 'محمد باقري' }, 'باقري: التعاون العسكري ينمو ويتسع'],
    [{ text: 'قال باقري إن التعاون ينمو', speaker: 'محمد باقري' }, 'قال باقري إن التعاون ينمو'],
    [{ text: 'وصلت الطائرة إلى\nمطار القاهرة   مساء أمس' }, 'وصلت الطائرة إلى مطار القاهرة مساء أمس'],
  ])('shows %j as one line a reader can follow', (sentence, shown) => {
    expect(withSpeaker({ start: 0, end: sentence.text.length, ...sentence } as Parameters<typeof withSpeaker>[0])).toBe(shown);
  });
});
