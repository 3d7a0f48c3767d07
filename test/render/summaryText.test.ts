import { describe, expect, it } from 'vitest';
import { withSpeaker } from '../../src/render/summaryText.js';

describe('withSpeaker', () => {
  it.each([
    // The sentence stays as the article has it; the speaker comes after it, set apart.
    [{ text: 'التعاون العسكري ينمو ويتسع', speaker: 'محمد باقري' }, 'التعاون العسكري ينمو ويتسع — باقري'],
    [{ text: 'قال باقري إن التعاون ينمو', speaker: 'محمد باقري' }, 'قال باقري إن التعاون ينمو'],
    [{ text: 'نفى ظريف أن تكون بلاده قد أرسلت أسلحة', speaker: 'محمد جواد ظريف', denial: true }, 'نفى ظريف أن تكون بلاده قد أرسلت أسلحة — ظريف (نفى)'],
    [{ text: 'he denied that the talks had failed', speaker: 'John Kerry', denial: true }, 'he denied that the talks had failed — Kerry (denied)'],
    [{ text: 'وصلت الطائرة إلى\nمطار القاهرة   مساء أمس' }, 'وصلت الطائرة إلى مطار القاهرة مساء أمس'],
  ])('shows %j as one line a reader can follow', (sentence, shown) => {
    expect(withSpeaker({ start: 0, end: sentence.text.length, ...sentence } as Parameters<typeof withSpeaker>[0])).toBe(shown);
  });
});
