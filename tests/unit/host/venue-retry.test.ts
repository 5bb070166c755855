// The background retry of a venue unreachable at start (host/venue-retry.ts): delays double from
// the first to a bound on the injected clock's `after`, a success is handed over once and stops
// the retries, and a start that finishes after stop() is discarded (nothing left open).
import { describe, expect, it } from 'vitest';
import { retryStart, venueRetryDelayMs, VENUE_RETRY_FIRST_MS, VENUE_RETRY_MAX_MS } from '../../../src-core/host/venue-retry';
import { pollUntil } from '../../helpers/wait';
import { HandDeadlines } from '../../helpers/hand-deadlines';

describe('venue retry backoff', () => {
  it('doubles from the first delay and stays at the bound', () => {
    expect(venueRetryDelayMs(0)).toBe(VENUE_RETRY_FIRST_MS);
    expect(venueRetryDelayMs(1)).toBe(2 * VENUE_RETRY_FIRST_MS);
    expect(venueRetryDelayMs(5)).toBe(VENUE_RETRY_MAX_MS);
    expect(venueRetryDelayMs(1_000)).toBe(VENUE_RETRY_MAX_MS);
  });

  it('retries on the clock until the start succeeds, then hands it over once', async () => {
    const clock = new HandDeadlines();
    let failuresLeft = 7;
    const started: string[] = [];
    const failed: number[] = [];
    retryStart({
      clock,
      start: () => (failuresLeft-- > 0 ? Promise.reject(new Error('503')) : Promise.resolve('runtime')),
      onStarted: (v) => started.push(v),
      onFailed: (_e, _attempt, nextMs) => failed.push(nextMs),
      discard: () => Promise.resolve(),
    });
    for (let i = 0; i < 8; i++) {
      clock.fire();
      await pollUntil(() => clock.live().length === 1 || started.length === 1, { what: `attempt ${i + 1} settled` });
    }
    expect(clock.armed.map((t) => t.ms)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(failed).toHaveLength(7);
    expect(started).toEqual(['runtime']);
    expect(clock.live()).toHaveLength(0);
  });

  it('stop() cancels the next attempt and discards one that finishes after it', async () => {
    const clock = new HandDeadlines();
    let finish: (v: string) => void = () => undefined;
    const started: string[] = [];
    const discarded: string[] = [];
    const retry = retryStart({
      clock,
      start: () => new Promise<string>((r) => (finish = r)),
      onStarted: (v) => started.push(v),
      onFailed: () => undefined,
      discard: (v) => {
        discarded.push(v);
        return Promise.resolve();
      },
    });
    clock.fire();
    const stopped = retry.stop();
    finish('late runtime');
    await stopped;
    expect(started).toEqual([]);
    expect(discarded).toEqual(['late runtime']);
    expect(clock.live()).toHaveLength(0);
  });
});
