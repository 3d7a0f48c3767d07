import { describe, expect, it } from 'vitest';
import { v8BuildTuning } from '../src/buildTuning.js';

/** The tuning for a process started with `execArgv` and `nodeOptions`, and the flags it sets, in order. */
function tuningOf(execArgv: string[], nodeOptions: string) {
  const set: string[] = [];
  return { tuning: v8BuildTuning(execArgv, nodeOptions, (flags) => set.push(flags)), set };
}

describe('v8BuildTuning', () => {
  it('lowers the inlining budget and raises the interrupt budget for the length of the build, and sets V8’s defaults back after', async () => {
    const { tuning, set } = tuningOf([], '');
    let during: string[] = [];
    expect(await tuning!.during(async () => ((during = [...set]), 42))).toBe(42);
    expect(during).toEqual(['--max-inlined-bytecode-size-cumulative=300', '--interrupt-budget=540672']);
    expect(set.slice(2)).toEqual(['--max-inlined-bytecode-size-cumulative=920', '--interrupt-budget=67584']);
  });

  it('sets the defaults back when the build fails, and passes the failure through', async () => {
    const { tuning, set } = tuningOf([], '');
    await expect(tuning!.during(async () => Promise.reject(new Error('worker died')))).rejects.toThrow('worker died');
    expect(set.slice(2)).toEqual(['--max-inlined-bytecode-size-cumulative=920', '--interrupt-budget=67584']);
  });

  it('leaves alone a flag the user set, on the command line or in NODE_OPTIONS, and is absent when they set both', async () => {
    const inlining = tuningOf(['--interrupt-budget-for-feedback-allocation=900'], '--max-old-space-size=4096 --max-inlined-bytecode-size-cumulative=500');
    await inlining.tuning!.during(async () => undefined);
    expect(inlining.set).toEqual(['--interrupt-budget=540672', '--interrupt-budget=67584']);
    expect(tuningOf(['--interrupt-budget=100000', '--max-inlined-bytecode-size-cumulative=500'], '').tuning).toBeUndefined();
  });
});
