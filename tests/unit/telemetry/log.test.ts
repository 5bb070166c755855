import { describe, expect, it } from 'vitest';
import { createLogger, MASK, maskSecrets } from '../../../src-core/telemetry/log';

describe('logger', () => {
  it('masks secret-looking field names at any depth', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), now: () => 1 });
    log.info('placing', { apiKey: 'abc', nested: { privateKey: 'k', starkSignature: 's', size: '0.1' }, authToken: 't' });
    const rec = JSON.parse(lines[0]!);
    expect(rec.apiKey).toBe(MASK);
    expect(rec.authToken).toBe(MASK);
    expect(rec.nested.privateKey).toBe(MASK);
    expect(rec.nested.starkSignature).toBe(MASK);
    expect(rec.nested.size).toBe('0.1');
  });

  it('masks key-like values inside free text', () => {
    const hex = 'ab'.repeat(40);
    const b64 = 'QUJD'.repeat(30);
    const out = maskSecrets({ message: `venue said: bad sig ${b64} for key 0x${hex}` }) as { message: string };
    expect(out.message).not.toContain(hex);
    expect(out.message).not.toContain(b64);
    expect(out.message).toContain('bad sig');
  });

  it('honours the level and binds child fields', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l) }).child({ venue: 'lighter' });
    log.info('hidden');
    log.warn('shown', { route: 'sendTx' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'shown', venue: 'lighter', route: 'sendTx' });
  });
});
