import type { SpanAttribution } from '../quotes/types.js';
import type { SummarySentence } from './types.js';

/** The speaker fields of a summary sentence for an attribution (none without one). */
export function attributed(attribution: SpanAttribution | undefined): Pick<SummarySentence, 'speaker' | 'denial'> {
  if (!attribution) return {};
  return attribution.denial ? { speaker: attribution.speaker, denial: true } : { speaker: attribution.speaker };
}
