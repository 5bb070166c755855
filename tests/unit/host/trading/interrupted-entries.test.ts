// host/trading/interrupted-entries.ts: at the start, 'opening' pairs are marked broken, and every
// broken pair (marked now or by an earlier start) is returned as one no executor runs.
import { describe, expect, it } from 'vitest';
import type { PairState } from '../../../../src-core/domain/enums';
import { INTERRUPTED_ENTRY_REASON, markInterruptedEntries } from '../../../../src-core/host/trading/interrupted-entries';
import { silentLogger } from '../../../../src-core/telemetry/log';

describe('marking the entries a restart interrupted', () => {
  it('marks only opening pairs, and returns every broken pair, also one an earlier start marked', () => {
    const pairs: { pairSeq: number; state: PairState }[] = [
      { pairSeq: 0, state: 'opening' },
      { pairSeq: 1, state: 'broken' },
      { pairSeq: 2, state: 'open' },
      { pairSeq: 3, state: 'closing' },
      { pairSeq: 4, state: 'close-failed' },
      { pairSeq: 5, state: 'closed' },
    ];
    const writes: [number, PairState, number, string][] = [];
    const unmanaged = markInterruptedEntries({ pairs: () => pairs, setPairState: (seq, state, at, reason) => writes.push([seq, state, at, reason]), now: () => 1_000, log: silentLogger });
    expect(writes).toEqual([[0, 'broken', 1_000, INTERRUPTED_ENTRY_REASON]]);
    expect([...unmanaged].sort()).toEqual([0, 1]);
  });

  it('returns nothing when no pair is opening or broken', () => {
    const unmanaged = markInterruptedEntries({ pairs: () => [{ pairSeq: 7, state: 'open' }], setPairState: () => expect.fail('nothing to mark'), now: () => 0, log: silentLogger });
    expect(unmanaged).toEqual([]);
  });
});
