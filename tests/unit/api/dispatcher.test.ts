import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src-core/api/dispatcher';
import { ApiFailure } from '../../../src-core/api/envelope';
import { defaultSettings } from '../../../src-core/config/schema';

const unavailable = (): never => {
  throw new ApiFailure('UNAVAILABLE', 'trading core is not running');
};

function handlers(overrides: Partial<{ info: () => unknown; setState: (i: unknown) => unknown }> = {}): Handlers {
  const view = { state: 'ACTIVE' as const, reason: 'x', changedAtMs: 1 };
  return {
    queries: {
      'app.info': (overrides.info ?? (() => ({ name: 'n', version: '1', mode: 'sim', dataDir: '/d', startedAtMs: 1, transport: 'in-process' }))) as never,
      'settings.get': () => defaultSettings,
      'trading.state.get': () => view,
      'screener.list': () => {
        throw new ApiFailure('UNAVAILABLE', 'no market data');
      },
      'screener.explain': () => {
        throw new ApiFailure('UNAVAILABLE', 'no market data');
      },
      'health.snapshot': () => {
        throw new ApiFailure('UNAVAILABLE', 'no market data');
      },
      'pairs.list': () => ({ pairs: [] }),
      'pairs.detail': unavailable,
      'pairs.attempts': () => ({ attempts: [] }),
      'pairs.preview': unavailable,
      'pairs.funding': unavailable,
      'pairs.exits': unavailable,
      'reconcile.pending': unavailable,
      'pairs.closeAllPreview': () => ({ pairs: [] }),
    },
    commands: {
      'settings.update': () => defaultSettings,
      'settings.setVenueEndpoints': () => defaultSettings,
      'trading.state.set': (overrides.setState ?? ((i: unknown) => ({ ...(i as object), changedAtMs: 2 }))) as never,
      'pairs.open': unavailable,
      'pairs.cancelEntry': unavailable,
      'pairs.close': unavailable,
      'pairs.rebalance': unavailable,
      'reconcile.run': unavailable,
      'pairs.closeAll': unavailable,
    },
  };
}

describe('dispatcher', () => {
  it('answers a valid query with ok', async () => {
    const r = await createDispatcher(handlers()).call('query', 'app.info', {});
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ mode: 'sim', version: '1' }) });
  });

  it('rejects an unknown channel with UNKNOWN_CHANNEL', async () => {
    const r = await createDispatcher(handlers()).call('query', 'nope.nothing', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('does not treat a command as a query', async () => {
    const r = await createDispatcher(handlers()).call('query', 'trading.state.set', { state: 'HALTED', reason: 'r' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('rejects inherited property names as channels', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = await createDispatcher(handlers()).call('query', name, {});
      expect(r.ok ? 'ok' : r.error.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('rejects an invalid payload with VALIDATION and the issue path', async () => {
    const r = await createDispatcher(handlers()).call('command', 'trading.state.set', { state: 'PANIC', reason: 'r' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.[0]?.path).toBe('state');
    }
  });

  it('turns a handler throw into INTERNAL without leaking the message', async () => {
    const d = createDispatcher(handlers({ info: () => { throw new Error('secret detail'); } }));
    const r = await d.call('query', 'app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).not.toContain('secret detail');
    }
  });

  it('passes ApiFailure codes through', async () => {
    const d = createDispatcher(handlers({ setState: () => { throw new ApiFailure('CONFLICT', 'busy'); } }));
    const r = await d.call('command', 'trading.state.set', { state: 'HALTED', reason: 'r' });
    expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'busy' } });
  });

  it('refuses to send a handler result of the wrong shape', async () => {
    const d = createDispatcher(handlers({ info: () => ({ name: 5 }) }));
    const r = await d.call('query', 'app.info', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
  });

  it('rejects a bad kind', async () => {
    const r = await createDispatcher(handlers()).call('delete' as never, 'app.info', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('BAD_REQUEST');
  });
});
