// The payment-unit fault is reachable from the loopback control endpoint (what the app and the
// CLI use), with bad arguments refused and nothing changed.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { T0 } from './helpers';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const post = (url: string, body: unknown) => fetch(`${url}/faults/fundingPaymentScale`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('control: fundingPaymentScale', () => {
  it('sets the scale per venue and refuses bad values', async () => {
    sim = await startSimulator({ seed: 2, clock: new ManualClock(T0), controlPort: 0, stepMs: 60_000 });
    const url = sim.control!.url;
    expect((await post(url, { venue: 'lighter', scale: 100 })).status).toBe(200);
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(100);
    expect(sim.faults.fundingPaymentScale('extended')).toBe(1);
    for (const bad of [{ venue: 'lighter', scale: 0 }, { venue: 'lighter', scale: -8 }, { venue: 'nowhere', scale: 8 }, { venue: 'lighter' }]) {
      expect((await post(url, bad)).status).toBe(400);
    }
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(100);
    expect((await fetch(`${url}/faults/reset`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(1);
  });
});
