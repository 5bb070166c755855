// Acceptance 3 of the screener issue, against the simulator through the real adapters: a funding
// spike on one venue becomes a passing opportunity within 1 s, a sign flip turns it into a
// rejection with the right reason, and a one-sided book rejects with its own reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { tempDir } from '../../helpers/tmp';

let core: Core;
let cleanup: () => void;
const latest = new Map<string, ScreenerRow>();

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 3 });
  core.events.subscribe('screener.update', (u) => {
    for (const r of u.rows) latest.set(r.symbol, r);
  });
});

afterAll(async () => {
  await core?.close();
  cleanup?.();
});

const sim = () => core.runtime()!.sim!;

describe('screener against the simulator', () => {
  it('a funding spike on one venue shows up as a passing opportunity within 1 s', async () => {
    // Longs on Lighter get paid 0.02 %/h: net ≈ 175 % APY from that one venue's spike.
    sim().engine.model.pinFunding('lighter', 'LINK', -0.0002);
    // The poll's timeout is the requirement: passing within 1 s of the spike.
    await expect.poll(() => latest.get('LINK')?.passed, { timeout: 1_000, interval: 20 }).toBe(true);
    const row = latest.get('LINK')!;
    expect(row.longVenue).toBe('lighter');
    expect(row.shortVenue).toBe('extended');
    expect(row.netApy).toBeGreaterThan(1.2);
  });

  it('a sign flip turns it into a rejection with the right reason', async () => {
    sim().engine.model.pinFunding('extended', 'LINK', -0.0002);
    sim().engine.model.pinFunding('lighter', 'LINK', -0.0002);
    await expect.poll(() => latest.get('LINK')?.rejectGate, { timeout: 2_000, interval: 20 }).toBe('min-apy');
    expect(latest.get('LINK')!.passed).toBe(false);
  });

  it('a one-sided book rejects with its own reason', async () => {
    sim().engine.model.pinFunding('lighter', 'LINK', -0.0002);
    sim().engine.model.pinFunding('extended', 'LINK', 0.0004);
    await expect.poll(() => latest.get('LINK')?.passed, { timeout: 4_000, interval: 20 }).toBe(true);
    const book = sim().engine.book('extended', 'LINK');
    book.missingSide = 'bids';
    await expect.poll(() => latest.get('LINK')?.rejectGate, { timeout: 2_000, interval: 20 }).toBe('one-sided-book');
    expect(latest.get('LINK')!.rejectReason).toContain('extended has no bids');
    book.missingSide = null;
  });

  it('a stale book rejects with its own reason', async () => {
    await expect.poll(() => latest.get('LINK')?.passed, { timeout: 3_000, interval: 20 }).toBe(true);
    sim().faults.setStalled('extended', true);
    await expect.poll(() => latest.get('LINK')?.rejectGate, { timeout: 25_000, interval: 100 }).toBe('stale-book');
    sim().faults.setStalled('extended', false);
  }, 40_000);

  it('explains a symbol gate by gate through the contract', async () => {
    const r = await core.dispatcher.call('query', 'screener.explain', { symbol: 'LINK' });
    if (!r.ok) console.log(JSON.stringify(r.error));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { best: { gates: { gate: string }[] } };
    expect(v.best.gates.map((g) => g.gate)).toEqual(['blacklist', 'tradfi', 'market-status', 'market-data', 'stale-book', 'one-sided-book', 'min-apy', 'depth', 'max-spread', 'expected-value', 'breakeven', 'ev-to-spread', 'cooldown', 'max-open-pairs', 'margin']);
    const missing = await core.dispatcher.call('query', 'screener.explain', { symbol: 'NOPE' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });
});
