// Venue endpoints: TLS only outside sim mode; changed only by their own confirmed command, never
// inside a general settings update; refused while armed for live; each refusal changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { defaultSettings, mergeSettings, ConfigError, type Settings } from '../../../src-core/config/schema';
import { createVenues, VenueEndpointError } from '../../../src-core/host/venues';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(mode: 'paper' | 'live'): Promise<{ core: Core; changed: () => number }> {
  const t = tempDir();
  const c = await createCore({ dataDir: t.dir, mode, log: silentLogger, startVenues: false, trading: false });
  let changed = 0;
  c.events.subscribe('settings.changed', () => (changed += 1));
  cleanups.push(t.cleanup, () => c.close());
  return { core: c, changed: () => changed };
}

const LIGHTER = { restUrl: 'https://mainnet.zklighter.elliot.ai', wsUrl: 'wss://mainnet.zklighter.elliot.ai/stream' };
const storedJson = (c: Core) => (c.db.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string } | undefined)?.json ?? null;

describe('venue endpoints are TLS only', () => {
  it.each([
    [{ restUrl: 'http://mainnet.zklighter.elliot.ai', wsUrl: LIGHTER.wsUrl }, 'venues.lighter.restUrl'],
    [{ restUrl: LIGHTER.restUrl, wsUrl: 'ws://mainnet.zklighter.elliot.ai/stream' }, 'venues.lighter.wsUrl'],
    [{ restUrl: 'http://127.0.0.1:18101', wsUrl: 'ws://127.0.0.1:18101/stream' }, 'venues.lighter.restUrl'],
  ])('refuses %j', (endpoints, path) => {
    try {
      mergeSettings(defaultSettings, { venues: { lighter: endpoints } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('accepts https and wss', () => {
    expect(mergeSettings(defaultSettings, { venues: { lighter: LIGHTER } }).venues.lighter.restUrl).toBe(LIGHTER.restUrl);
  });

  it('refuses to build paper adapters on plain endpoints even past the schema', async () => {
    const settings: Settings = { ...defaultSettings, venues: { lighter: { ...LIGHTER, restUrl: 'http://x.example', accountTier: 'premium' }, extended: { restUrl: 'https://x.example', wsUrl: 'wss://x.example' } } };
    await expect(createVenues({ mode: 'paper', settings, log: silentLogger })).rejects.toThrow(VenueEndpointError);
    const ws: Settings = { ...settings, venues: { ...settings.venues, lighter: { ...LIGHTER, wsUrl: 'ws://x.example', accountTier: 'premium' } } };
    await expect(createVenues({ mode: 'live', settings: ws, log: silentLogger })).rejects.toThrow(/lighter\.wsUrl must be a wss:\/\//);
  });
});

describe('changing an endpoint is its own confirmed command', () => {
  it('settings.update refuses an endpoint change and changes nothing; other venue keys still update', async () => {
    const { core: c, changed } = await core('paper');
    const before = c.settings();
    const stored = storedJson(c);
    const r = await c.dispatcher.call('command', 'settings.update', { trading: { notionalPerPairUsd: 555 }, venues: { lighter: LIGHTER } });
    expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
    expect(r.ok ? [] : r.error.issues?.map((i) => i.path)).toEqual(['venues.lighter.restUrl', 'venues.lighter.wsUrl']);
    expect(c.settings()).toBe(before);
    expect(storedJson(c)).toBe(stored);
    expect(changed()).toBe(0);
    // Restating the current endpoints is not a change; the account tier is a preference.
    const tier = await c.dispatcher.call('command', 'settings.update', { venues: { lighter: { restUrl: null, wsUrl: null, accountTier: 'standard' } } });
    expect(tier.ok && (tier.value as Settings).venues.lighter.accountTier).toBe('standard');
  });

  it('settings.setVenueEndpoints needs confirm: true and TLS URLs, then applies once', async () => {
    const { core: c, changed } = await core('paper');
    for (const bad of [{ venue: 'lighter', ...LIGHTER }, { venue: 'lighter', ...LIGHTER, confirm: false }, { venue: 'lighter', ...LIGHTER, restUrl: 'http://x.example', confirm: true }, { venue: 'nowhere', ...LIGHTER, confirm: true }]) {
      const r = await c.dispatcher.call('command', 'settings.setVenueEndpoints', bad);
      expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
    }
    expect(changed()).toBe(0);
    expect(c.settings().venues.lighter.restUrl).toBeNull();
    const r = await c.dispatcher.call('command', 'settings.setVenueEndpoints', { venue: 'lighter', ...LIGHTER, confirm: true });
    expect(r.ok && (r.value as Settings).venues.lighter).toMatchObject(LIGHTER);
    expect(c.settings().venues.lighter).toMatchObject(LIGHTER);
    expect(JSON.parse(storedJson(c)!).venues.lighter).toMatchObject(LIGHTER);
    expect(changed()).toBe(1);
  });

  it('is refused (CONFLICT) while armed for live, allowed once the trader steps back to REDUCING', async () => {
    const { core: c, changed } = await core('live');
    expect(c.tradingState().state).toBe('REDUCING');
    expect((await c.dispatcher.call('command', 'trading.state.set', { state: 'ACTIVE', reason: 'arm' })).ok).toBe(true);
    const refused = await c.dispatcher.call('command', 'settings.setVenueEndpoints', { venue: 'lighter', ...LIGHTER, confirm: true });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('CONFLICT');
    expect(c.settings().venues.lighter.restUrl).toBeNull();
    expect(changed()).toBe(0);
    expect((await c.dispatcher.call('command', 'trading.state.set', { state: 'REDUCING', reason: 'disarm' })).ok).toBe(true);
    expect((await c.dispatcher.call('command', 'settings.setVenueEndpoints', { venue: 'lighter', ...LIGHTER, confirm: true })).ok).toBe(true);
  });
});
