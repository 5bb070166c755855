// mapBounded: results in input order, never more than `limit` calls in flight, and a rejection
// rejects the whole map. Deferred promises released by hand: no timers, no timing margins.
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src-core/venues/common/map-bounded';

interface Deferred {
  readonly item: number;
  readonly resolve: (v: string) => void;
  readonly reject: (e: Error) => void;
}

function harness() {
  const started: Deferred[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fn = (item: number) =>
    new Promise<string>((resolve, reject) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => (inFlight -= 1);
      started.push({ item, resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)) });
    });
  return { started, fn, maxInFlight: () => maxInFlight };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('mapBounded', () => {
  it('keeps input order and at most limit calls in flight, starting the next as one ends', async () => {
    const h = harness();
    const p = mapBounded([0, 1, 2, 3, 4], 2, h.fn);
    await flush();
    expect(h.started.map((d) => d.item)).toEqual([0, 1]);
    // Finish out of order: the second ends first.
    h.started[1]!.resolve('b');
    await flush();
    expect(h.started.map((d) => d.item)).toEqual([0, 1, 2]);
    h.started[0]!.resolve('a');
    await flush();
    h.started[2]!.resolve('c');
    await flush();
    h.started[3]!.resolve('d');
    await flush();
    h.started[4]!.resolve('e');
    await expect(p).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.maxInFlight()).toBe(2);
  });

  it('runs all items at once when limit exceeds them, and maps nothing to nothing', async () => {
    const h = harness();
    const p = mapBounded([7, 8], 8, h.fn);
    await flush();
    expect(h.started.map((d) => d.item)).toEqual([7, 8]);
    h.started.forEach((d) => d.resolve(String(d.item)));
    await expect(p).resolves.toEqual(['7', '8']);
    await expect(mapBounded([], 3, h.fn)).resolves.toEqual([]);
  });

  it('rejects when any call rejects: a failed read is never a partial answer', async () => {
    const h = harness();
    const p = mapBounded([0, 1, 2], 3, h.fn);
    await flush();
    h.started[0]!.resolve('a');
    h.started[1]!.reject(new Error('HTTP 503'));
    h.started[2]!.resolve('c');
    await expect(p).rejects.toThrow('HTTP 503');
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(mapBounded([1], 0, async () => 1)).rejects.toThrow(RangeError);
    await expect(mapBounded([1], 1.5, async () => 1)).rejects.toThrow(RangeError);
  });
});
