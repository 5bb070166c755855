// The per-channel handlers as the dispatcher serves them, on a core without venues (a real
// SQLite store in a temp dir): queries that need market data answer the typed UNAVAILABLE, a
// refused settings patch announces nothing, an accepted one exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

let core: Core;
let cleanup: () => void;
const events: { event: string; payload: unknown }[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = await createCore({ dataDir: t.dir, mode: 'paper', log: silentLogger, startVenues: false, now: () => 1_700_000_000_000 });
  core.events.subscribeAll((event, payload) => {
    if (event !== 'app.heartbeat') events.push({ event, payload });
  });
});

afterAll(async () => {
  await core?.close();
  cleanup?.();
});

describe('channel handlers on a core without venues', () => {
  it.each([
    ['screener.list', {}],
    ['screener.explain', { symbol: 'ETH' }],
    ['health.snapshot', {}],
  ])('%s answers UNAVAILABLE', async (channel, payload) => {
    const r = await core.dispatcher.call('query', channel, payload);
    expect(r).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'market data is not running' } });
  });

  it('app.info reports the mode, data dir, transport and start time', async () => {
    const r = await core.dispatcher.call('query', 'app.info', {});
    expect(r.ok && r.value).toMatchObject({ mode: 'paper', transport: 'in-process', startedAtMs: 1_700_000_000_000 });
  });

  it('a refused settings patch changes nothing and announces nothing; an accepted one is announced once', async () => {
    events.length = 0;
    const before = core.settings();
    // Each value is valid on its own (the dispatcher's input schema passes it); the merged
    // document is not (a venue's two URLs are both set or both null), so the handler refuses it.
    const bad = await core.dispatcher.call('command', 'settings.update', { venues: { lighter: { restUrl: 'https://lighter.example' } } });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION');
    expect(bad.ok ? [] : bad.error.issues?.length).toBeGreaterThan(0);
    expect(core.settings()).toBe(before);
    expect(events).toEqual([]);

    const good = await core.dispatcher.call('command', 'settings.update', { trading: { notionalPerPairUsd: 1_234 } });
    expect(good.ok && (good.value as { trading: { notionalPerPairUsd: number } }).trading.notionalPerPairUsd).toBe(1_234);
    expect(events.map((e) => e.event)).toEqual(['settings.changed']);
    const got = await core.dispatcher.call('query', 'settings.get', {});
    expect(got.ok && got.value).toEqual(core.settings());
    expect(core.settings().trading.notionalPerPairUsd).toBe(1_234);
  });
});
