// The payment-unit fault is reachable from the loopback control endpoint (what the app and the
// CLI use), with bad arguments refused and nothing changed.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { ControlServer } from '../../../src-core/venues/sim/control-http';
import { T0 } from './helpers';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const post = (control: ControlServer, body: unknown) => fetch(`${control.url}/faults/fundingPaymentScale`, { method: 'POST', headers: control.headers, body: JSON.stringify(body) });

describe('control: fundingPaymentScale', () => {
  it('sets the scale per venue and refuses bad values', async () => {
    sim = await startSimulator({ seed: 2, clock: new ManualClock(T0), controlPort: 0, stepMs: 60_000 });
    const control = sim.control!;
    expect((await post(control, { venue: 'lighter', scale: 100 })).status).toBe(200);
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(100);
    expect(sim.faults.fundingPaymentScale('extended')).toBe(1);
    for (const bad of [{ venue: 'lighter', scale: 0 }, { venue: 'lighter', scale: -8 }, { venue: 'nowhere', scale: 8 }, { venue: 'lighter' }]) {
      expect((await post(control, bad)).status).toBe(400);
    }
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(100);
    expect((await fetch(`${control.url}/faults/reset`, { method: 'POST', headers: control.headers, body: '{}' })).status).toBe(200);
    expect(sim.faults.fundingPaymentScale('lighter')).toBe(1);
  });
});
