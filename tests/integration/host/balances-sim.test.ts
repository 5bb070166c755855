// The runtime's balance loop against the embedded simulator through the real adapters: each
// venue's exact balance is available from the runtime (no second poll), a venue that cannot be
// read is null while the other keeps its value, and the screener's margin gate then fails closed
// on that venue ("unknown" is never zero and never the last value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import type { VenueRuntime } from '../../../src-core/host/runtime';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

let core: Core;
let rt: VenueRuntime;
let cleanup: () => void;
let tickOnce: () => void = () => undefined;
/** Every tenth tick of the emitter recomputes every symbol (the once-a-second refresh), so ten
 *  ticks recompute the symbol below whether or not its market moved. */
const tick = () => {
  for (let i = 0; i < 10; i++) tickOnce();
};
const ticker: Ticker = {
  every(_ms, fn) {
    tickOnce = fn;
    return () => (tickOnce = () => undefined);
  },
};

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = await createCore({ dataDir: t.dir, mode: 'sim', trading: false, log: silentLogger, simSeed: 11, screenerTicker: ticker });
  rt = core.runtime()!;
}, 60_000);

afterAll(async () => {
  await core?.close();
  cleanup?.();
});

const marginGate = (symbol: string) => rt.report(symbol)?.best.gates.find((g) => g.gate === 'margin');

describe('balances in the venue runtime', () => {
  it('holds each venue exact balance as the venue reports it', async () => {
    const held = rt.balances();
    for (const venue of ['lighter', 'extended'] as const) {
      const b = held[venue];
      expect(b?.venue).toBe(venue);
      // The same bytes the port returns on a fresh read (nothing traded in between).
      expect(b).toEqual(await rt.ports[venue].balance());
      expect(b!.availableUsd).toMatch(/^\d+(\.\d+)?$/);
      // The simulator's demo accounts start with 100,000 USD of collateral (sim/server.ts).
      expect(Number(b!.collateralUsd)).toBe(100_000);
    }
  });

  it('a venue that cannot be read is null, the other keeps its balance, and the margin gate fails closed', async () => {
    const extendedBefore = rt.balances().extended;
    const symbol = rt.market.symbols()[0]!;
    rt.sim!.faults.setDown('lighter', true);
    try {
      await rt.refreshBalances();
      expect(rt.balances().lighter).toBeNull();
      expect(rt.balances().extended).toEqual(extendedBefore);
      tick();
      expect(marginGate(symbol)).toMatchObject({ passed: false, reason: 'available margin unknown on a venue', observed: null });
    } finally {
      rt.sim!.faults.setDown('lighter', false);
    }
    // Back up: the venue's balance again, read afresh (a reset connection may fail one read).
    const back = await pollUntil(
      async () => {
        await rt.refreshBalances();
        return rt.balances().lighter;
      },
      { what: 'the Lighter balance after the venue came back' },
    );
    expect(back).toEqual(await rt.ports.lighter.balance());
    tick();
    expect(marginGate(symbol)?.reason).not.toBe('available margin unknown on a venue');
  });
});
