// The embedded simulator's adapters read the simulator's clock. On a test's ManualClock hours
// away from the real time, adapters on Date.now signed Lighter auth tokens and tx expiries
// (10 min) the simulator judged expired, so every order of a later close was refused (found by
// tests/integration/trading/atr-exit.test.ts: its pair ended close-failed). Observed here through
// the port: the hour Lighter's predicted rate is for is the simulator's next hour, not the real one.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src-core/config/schema';
import { createVenues, type Venues } from '../../../src-core/host/venues';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { pollUntil } from '../../helpers/wait';

const HOUR_MS = 3_600_000;
let venues: Venues | null = null;
afterEach(async () => {
  if (venues === null) return;
  await Promise.all([venues.ports.lighter.stop(), venues.ports.extended.stop()]);
  await venues.sim?.close();
  venues = null;
});

describe('embedded simulator venues', () => {
  it('run the adapters on the simulator clock', { timeout: 60_000 }, async () => {
    // Twelve hours ahead of the real time, as a test that settled twelve hours would be (five
    // minutes past the hour: the few seconds it advances cross no hour).
    const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 12 * HOUR_MS + 5 * 60_000);
    venues = await createVenues({ mode: 'sim', settings: defaultSettings, log: silentLogger, simSeed: 3, simulator: { clock, lighterWs: { statsIntervalMs: 1_000 } } });
    const lighter = venues.ports.lighter;
    await lighter.start();
    await lighter.loadMarkets();
    // Lighter's rates arrive on its stream (market_stats each second of the simulator's clock).
    const predicted = await pollUntil(
      async () => {
        clock.advance(1_000);
        return (await lighter.currentFunding()).find((f) => f.symbol === 'ETH' && f.kind === 'predicted');
      },
      { what: 'a Lighter ETH predicted rate' },
    );
    expect(predicted!.settlementTimeMs).toBe(Math.floor(clock.nowMs() / HOUR_MS) * HOUR_MS + HOUR_MS);
  });
});
