// A funding value the adapter refuses as implausible is never silently frozen (RUNS ONCE THE
// ADAPTERS LAND: it needs onFundingRejected from them). A spike of 2 %/h on Lighter is beyond its
// ±0.5 %/h cap (venues.md §3): the screener row says "rejected since", health counts it on
// Lighter, the log says it once for the episode, and an accepted value clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { createLogger } from '../../../src-core/telemetry/log';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import type { HealthSnapshot } from '../../../src-core/api/channels/health';
import { tempDir } from '../../helpers/tmp';

let core: Core;
let cleanup: () => void;
const latest = new Map<string, ScreenerRow>();
const logs: { msg: string; venue?: string; symbol?: string }[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const log = createLogger({ level: 'info', sink: (line) => logs.push(JSON.parse(line) as (typeof logs)[number]) });
  core = await createCore({ dataDir: t.dir, mode: 'sim', trading: false, log, simSeed: 4 });
  core.events.subscribe('screener.update', (u) => {
    for (const r of u.rows) latest.set(r.symbol, r);
  });
});

afterAll(async () => {
  await core?.close();
  cleanup?.();
});

describe('funding refused as implausible', () => {
  it('is shown, counted, logged once per episode and cleared by an accepted value', async () => {
    const sim = core.runtime()!.sim!;
    sim.engine.model.pinFunding('lighter', 'LINK', 0.02);
    await expect.poll(() => latest.get('LINK')?.lighterFundingRejectedSinceMs ?? null, { timeout: 30_000, interval: 20 }).not.toBeNull();
    expect(latest.get('LINK')!.lighterFundingRejectedReason).not.toBeNull();
    expect(latest.get('LINK')!.passed).toBe(false);
    const rejections = async () => {
      const x = await core.dispatcher.call('query', 'health.snapshot', {});
      if (!x.ok) throw new Error('health.snapshot failed');
      return (x.value as HealthSnapshot).fundingRejections.find((r) => r.venue === 'lighter')!;
    };
    const lighter = await rejections();
    expect(lighter?.total).toBeGreaterThanOrEqual(1);
    expect(lighter?.symbols).toContain('LINK');
    // Several refused frames, one log line for the episode.
    const total = lighter!.total;
    await expect.poll(async () => (await rejections()).total, { timeout: 30_000, interval: 50 }).toBeGreaterThan(total);
    expect(logs.filter((l) => l.msg === 'funding value refused as implausible' && l.venue === 'lighter' && l.symbol === 'LINK')).toHaveLength(1);

    sim.engine.model.pinFunding('lighter', 'LINK', 0.0001);
    await expect.poll(() => latest.get('LINK')?.lighterFundingRejectedSinceMs, { timeout: 30_000, interval: 20 }).toBeNull();
    expect(logs.filter((l) => l.msg === 'funding accepted again' && l.venue === 'lighter')).toHaveLength(1);
  });
});
