import { describe, expect, it } from 'vitest';
import { parseMode } from '../../../src-core/host/cli-args';

describe('--mode', () => {
  it('defaults to sim and accepts each mode', () => {
    expect(parseMode(['serve'])).toBe('sim');
    for (const m of ['sim', 'paper', 'live'] as const) expect(parseMode(['serve', '--data-dir', '/x', '--mode', m])).toBe(m);
  });

  it('refuses anything else instead of guessing', () => {
    for (const bad of ['LIVE', 'real', '', 'sim ']) expect(() => parseMode(['serve', '--mode', bad])).toThrow(/unknown mode/);
    expect(() => parseMode(['serve', '--mode'])).toThrow(/unknown mode/);
  });
});
