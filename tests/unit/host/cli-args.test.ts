import { describe, expect, it } from 'vitest';
import { CliArgsError, isSupportCommand, parseMode, parseSupportArgs, parseSymbols } from '../../../src-core/host/cli-args';

describe('--mode', () => {
  it('defaults to sim and accepts each mode', () => {
    expect(parseMode(['serve'])).toBe('sim');
    for (const m of ['sim', 'paper', 'live'] as const) expect(parseMode(['serve', '--data-dir', '/x', '--mode', m])).toBe(m);
  });

  it('refuses anything else instead of guessing', () => {
    for (const bad of ['LIVE', 'real', '', 'sim ']) expect(() => parseMode(['serve', '--mode', bad])).toThrow(CliArgsError);
    expect(() => parseMode(['serve', '--mode'])).toThrow(/unknown mode/);
  });
});

describe('--symbols', () => {
  it('is null (all symbols) when absent and a list when given', () => {
    expect(parseSymbols([])).toBeNull();
    expect(parseSymbols(['--symbols', 'ETH,BTC,1000PEPE'])).toEqual(['ETH', 'BTC', '1000PEPE']);
  });

  it('refuses empty entries, lower case, duplicates and a missing value', () => {
    for (const bad of ['ETH,', ',ETH', 'eth', 'ETH BTC', 'ETH,ETH', 'ETH/USD']) expect(() => parseSymbols(['--symbols', bad]), bad).toThrow(CliArgsError);
    expect(() => parseSymbols(['--symbols'])).toThrow(/needs a value/);
    expect(() => parseSymbols(['--symbols', '--mode'])).toThrow(/needs a value/);
  });
});

describe('support commands', () => {
  it('knows its four commands and nothing else', () => {
    for (const c of ['doctor', 'backfill', 'close-all', 'reconcile']) expect(isSupportCommand(c)).toBe(true);
    for (const c of [undefined, 'serve', 'recon', 'toString', '__proto__', 'constructor']) expect(isSupportCommand(c)).toBe(false);
  });

  it('parses each command with its options', () => {
    expect(parseSupportArgs('doctor', [])).toEqual({ command: 'doctor', dataDir: null, mode: 'sim' });
    expect(parseSupportArgs('doctor', ['--mode', 'live', '--data-dir', '/d'])).toEqual({ command: 'doctor', dataDir: '/d', mode: 'live' });
    expect(parseSupportArgs('backfill', ['--symbols', 'ETH'])).toEqual({ command: 'backfill', dataDir: null, mode: 'sim', symbols: ['ETH'] });
    expect(parseSupportArgs('close-all', ['--data-dir', '/d'])).toEqual({ command: 'close-all', dataDir: '/d', mode: 'sim', confirm: null });
    expect(parseSupportArgs('close-all', ['--confirm', 'close-1-abcdef'])).toMatchObject({ confirm: 'close-1-abcdef' });
    expect(parseSupportArgs('reconcile', [])).toEqual({ command: 'reconcile', dataDir: null, mode: 'sim', applySafe: false });
    // A switch takes no value, wherever it stands.
    expect(parseSupportArgs('reconcile', ['--apply-safe', '--data-dir', '/d'])).toEqual({ command: 'reconcile', dataDir: '/d', mode: 'sim', applySafe: true });
    expect(parseSupportArgs('reconcile', ['--data-dir', '/d', '--apply-safe'])).toMatchObject({ dataDir: '/d', applySafe: true });
  });

  it("refuses another command's option, a misspelt one and stray words", () => {
    expect(() => parseSupportArgs('doctor', ['--symbols', 'ETH'])).toThrow(/unknown option --symbols/);
    expect(() => parseSupportArgs('close-all', ['--confrim', 'x'])).toThrow(/unknown option --confrim/);
    expect(() => parseSupportArgs('backfill', ['ETH'])).toThrow(/unexpected argument "ETH"/);
    expect(() => parseSupportArgs('close-all', ['--confirm'])).toThrow(/--confirm needs a value/);
    expect(() => parseSupportArgs('doctor', ['--data-dir', '--mode', 'sim'])).toThrow(CliArgsError);
    expect(() => parseSupportArgs('doctor', ['--mode', 'real'])).toThrow(/unknown mode/);
    expect(() => parseSupportArgs('reconcile', ['--apply-safe', 'yes'])).toThrow(/unexpected argument "yes"/);
    expect(() => parseSupportArgs('doctor', ['--apply-safe'])).toThrow(/unknown option --apply-safe/);
  });
});
