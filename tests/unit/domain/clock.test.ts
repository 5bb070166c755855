import { describe, expect, it } from 'vitest';
import { remainingMs, systemClock } from '../../../src-core/domain/clock';
import { pollUntil } from '../../helpers/wait';

describe('clock', () => {
  it('remainingMs counts down to a monotonic deadline and never goes negative', () => {
    const at = (t: number) => ({ monoNow: () => t });
    expect(remainingMs(at(100), 250)).toBe(150);
    expect(remainingMs(at(250), 250)).toBe(0);
    expect(remainingMs(at(300), 250)).toBe(0);
  });

  it('the system clock gives wall time, a monotonic reading, and one-shot timers that can be cancelled', async () => {
    const wall = systemClock.now();
    expect(Math.abs(wall - Date.now())).toBeLessThan(1_000);
    const m0 = systemClock.monoNow();
    expect(systemClock.monoNow()).toBeGreaterThanOrEqual(m0);
    let fired = 0;
    let cancelledFired = 0;
    systemClock.after(1, () => (fired += 1));
    const cancel = systemClock.after(1, () => (cancelledFired += 1));
    cancel();
    systemClock.after(-5, () => (fired += 1)); // a past deadline fires at once, not never
    await pollUntil(() => fired === 2, { what: 'both timers fired' });
    systemClock.after(1, () => (fired += 1));
    await pollUntil(() => fired === 3, { what: 'a timer after the cancelled one fired' });
    expect(cancelledFired).toBe(0);
  });
});
