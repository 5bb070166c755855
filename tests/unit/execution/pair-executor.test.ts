// The rollback's reserve at the end of an entry's deadline.
import { describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { rollbackReserveMs } from '../../../src-core/execution/pair-executor';

describe('rollbackReserveMs', () => {
  it('keeps one hedge IOC timeout for the rollback (defaults: 8 s of 120 s)', () => {
    expect(rollbackReserveMs(tradingDefaults)).toBe(8_000);
  });
  it('never more than half the entry deadline', () => {
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 16_000 })).toBe(8_000);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 15_999 })).toBe(7_999);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 60_000, entryDeadlineMs: 5_001 })).toBe(2_500);
  });
});
