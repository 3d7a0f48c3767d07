import { describe, expect, it } from 'vitest';
import { v8BuildTuning } from '../src/buildTuning.js';

describe('v8BuildTuning', () => {
  it('is absent when the user set the inlining budget, on the command line or in NODE_OPTIONS', () => {
    expect(v8BuildTuning(['--max-inlined-bytecode-size-cumulative=500'], '')).toBeUndefined();
    expect(v8BuildTuning([], '--max-old-space-size=4096 --max-inlined-bytecode-size-cumulative=500')).toBeUndefined();
  });

  it('runs the build it wraps and passes its result and its failure through', async () => {
    const tuning = v8BuildTuning([], '')!;
    expect(await tuning.during(async () => 42)).toBe(42);
    await expect(tuning.during(async () => Promise.reject(new Error('worker died')))).rejects.toThrow('worker died');
  });
});
