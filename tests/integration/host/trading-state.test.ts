// The trading state (what the tray's Pause/Halt/Resume change) is persisted: a change made
// through the dispatcher survives a core restart on the same data dir, and is logged.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { trayMenuModel } from '../../../main/tray/menu-model';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('trading state persistence', () => {
  it('a tray action changes the persisted state and survives a restart', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core1 = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    expect(core1.tradingState().state).toBe('ACTIVE');
    const changed: string[] = [];
    core1.events.subscribe('trading.state.changed', (s) => changed.push(s.state));

    const halt = trayMenuModel({ state: 'ACTIVE', openPairs: 0 }).find((i) => i.id === 'halt')!.action!;
    if (halt.kind !== 'set-state') throw new Error('halt must set the state');
    const r = await core1.dispatcher.call('command', 'trading.state.set', { state: halt.state, reason: halt.reason });
    expect(r.ok).toBe(true);
    expect(changed).toEqual(['HALTED']);
    await core1.close();

    const core2 = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    const got = await core2.dispatcher.call('query', 'trading.state.get', {});
    expect(got.ok && got.value).toMatchObject({ state: 'HALTED', reason: 'tray: halt' });
    const log = core2.db.prepare('SELECT state FROM trading_state_log ORDER BY seq').all();
    expect(log).toEqual([{ state: 'HALTED' }]);
    await core2.close();
  });

  it('live mode starts REDUCING until armed', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core = await createCore({ dataDir: t.dir, mode: 'live', log: silentLogger, trading: false });
    expect(core.tradingState().state).toBe('REDUCING');
    await core.close();
  });

  it('settings persist across a restart and bad patches change nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core1 = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    expect((await core1.dispatcher.call('command', 'settings.update', { trading: { maxOpenPairs: 9 } })).ok).toBe(true);
    const bad = await core1.dispatcher.call('command', 'settings.update', { trading: { maxOpenPairs: 9, bogus: 1 } });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION');
    await core1.close();
    const core2 = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    expect(core2.settings().trading.maxOpenPairs).toBe(9);
    await core2.close();
  });
});
