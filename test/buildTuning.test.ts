import { describe, expect, it } from 'vitest';
import { v8BuildTuning } from '../src/buildTuning.js';

const BUILD = ['--max-inlined-bytecode-size-cumulative=300', '--interrupt-budget=540672'];
const DEFAULTS = ['--max-inlined-bytecode-size-cumulative=920', '--interrupt-budget=67584'];

/** The tuning for a process started with `execArgv` on V8 `v8Version`, and the flags it sets, in order. */
function tuningOf(execArgv: string[], v8Version = '11.3.244.8-node.33') {
  const set: string[] = [];
  return { tuning: v8BuildTuning(execArgv, v8Version, (flags) => set.push(flags)), set };
}

describe('v8BuildTuning', () => {
  it('lowers the inlining budget and raises the interrupt budget for the length of the build, and sets V8’s defaults back after', async () => {
    const { tuning, set } = tuningOf([]);
    let during: string[] = [];
    expect(await tuning!.during(async () => ((during = [...set]), 42))).toBe(42);
    expect(during).toEqual(BUILD);
    expect(set).toEqual([...BUILD, ...DEFAULTS]);
  });

  it('sets the defaults back when the build fails, and passes the failure through', async () => {
    const { tuning, set } = tuningOf([]);
    await expect(tuning!.during(async () => Promise.reject(new Error('worker died')))).rejects.toThrow('worker died');
    expect(set).toEqual([...BUILD, ...DEFAULTS]);
  });

  it('leaves alone a flag the user gave, however spelt, and is absent when they gave both', async () => {
    const inlining = tuningOf(['--interrupt-budget-for-feedback-allocation=900', '--max_inlined_bytecode_size_cumulative=500']);
    await inlining.tuning!.during(async () => undefined);
    expect(inlining.set).toEqual(['--interrupt-budget=540672', '--interrupt-budget=67584']);
    expect(tuningOf(['--interrupt-budget', '--max-inlined-bytecode-size-cumulative=500']).tuning).toBeUndefined();
  });

  it('tunes nothing on another V8 than the one its values were measured on', () => {
    expect(tuningOf([], '12.4.254.21-node.33').tuning).toBeUndefined();
  });
});
