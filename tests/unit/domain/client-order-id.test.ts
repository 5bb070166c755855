// Client order ids are reversible: every field survives the round trip, ids from another epoch
// or another tool are not ours, and the number fits Lighter's 48-bit client_order_index.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ATTEMPT_MAX, clientOrderIndex, decodeClientOrderId, encodeClientOrderId, EPOCH_MAX, ORDER_PURPOSES, PAIR_SEQ_MAX, randomEpoch, type ClientOrderIdParts } from '../../../src-core/domain/client-order-id';

const parts = fc.record({
  epoch: fc.integer({ min: 1, max: EPOCH_MAX }),
  pairSeq: fc.integer({ min: 0, max: PAIR_SEQ_MAX }),
  leg: fc.constantFrom(0 as const, 1 as const),
  purpose: fc.constantFrom(...ORDER_PURPOSES),
  attempt: fc.integer({ min: 0, max: ATTEMPT_MAX }),
});

describe('client order ids', () => {
  it('round-trips every field and stays within 1..2^48-1', () => {
    fc.assert(
      fc.property(parts, (p: ClientOrderIdParts) => {
        const id = encodeClientOrderId(p);
        const n = clientOrderIndex(id);
        expect(n).not.toBeNull();
        expect(n!).toBeGreaterThanOrEqual(1);
        expect(n!).toBeLessThanOrEqual(2 ** 48 - 1);
        expect(decodeClientOrderId(id, p.epoch)).toEqual(p);
      }),
    );
  });

  it('lays the fields out as documented (worked example)', () => {
    // epoch 1 → 2^36 = 68,719,476,736; pair 5 → 5·2^12 = 20,480; leg 1 → 2^11 = 2,048;
    // purpose hedge (index 1) → 2^8 = 256; attempt 3 → 3. Sum: 68,719,499,523.
    expect(encodeClientOrderId({ epoch: 1, pairSeq: 5, leg: 1, purpose: 'hedge', attempt: 3 })).toBe('68719499523');
    // The largest id: epoch 4095, every other field at its maximum, is exactly 2^48 − 1 − (purposes unused: 7−4)·2^8.
    const max = encodeClientOrderId({ epoch: EPOCH_MAX, pairSeq: PAIR_SEQ_MAX, leg: 1, purpose: 'rebalance', attempt: ATTEMPT_MAX });
    expect(Number(max)).toBe(2 ** 48 - 1 - 3 * 256);
  });

  it('distinct intents get distinct ids', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(encodeClientOrderId(a)).not.toBe(encodeClientOrderId(b));
      }),
    );
  });

  it('an id under another epoch, or not canonical, is not ours', () => {
    const id = encodeClientOrderId({ epoch: 7, pairSeq: 1, leg: 0, purpose: 'entry', attempt: 0 });
    expect(decodeClientOrderId(id, 8)).toBeNull();
    for (const foreign of ['0', '007', '1e3', '-5', ' 12', '12 ', '281474976710656', 'c0ffee-uuid', '', '1.0']) expect(decodeClientOrderId(foreign, 7)).toBeNull();
    // A purpose slot past the list (5..7) is not a purpose of ours.
    expect(decodeClientOrderId(String(7 * 2 ** 36 + 6 * 256), 7)).toBeNull();
  });

  it('refuses out-of-range parts with a typed error', () => {
    const ok: ClientOrderIdParts = { epoch: 1, pairSeq: 0, leg: 0, purpose: 'entry', attempt: 0 };
    for (const bad of [{ epoch: 0 }, { epoch: EPOCH_MAX + 1 }, { pairSeq: -1 }, { pairSeq: PAIR_SEQ_MAX + 1 }, { attempt: 256 }, { attempt: 1.5 }, { leg: 2 }, { purpose: 'nope' }]) {
      expect(() => encodeClientOrderId({ ...ok, ...bad } as ClientOrderIdParts)).toThrow(/must be|unknown purpose/);
    }
  });

  it('random epochs cover 1..4095 only', () => {
    expect(randomEpoch(() => 0)).toBe(1);
    expect(randomEpoch(() => 0.999999999)).toBe(EPOCH_MAX);
  });
});
