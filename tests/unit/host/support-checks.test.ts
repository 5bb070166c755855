// The support commands' pure parts: close-all's confirmation word and open-pair filter, the
// clock-skew verdict from a book's venue time and the data directory's privacy check.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairView } from '../../../src-core/ledger/query-types';
import { PAIR_STATES } from '../../../src-core/domain/enums';
import { CLOCK_SKEW_LIMIT_MS, skewVerdict } from '../../../src-core/host/support/clock-skew';
import { confirmWord, openPairs } from '../../../src-core/host/support/close-all';
import { dataDirProblem } from '../../../src-core/host/support/data-dir-check';
import type { L2Book } from '../../../src-core/venues/port';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('close-all confirmation word', () => {
  it('is the same for the same pairs in any order and differs when the set changes', () => {
    expect(confirmWord([3, 1, 2])).toBe(confirmWord([1, 2, 3]));
    expect(confirmWord([1, 2, 3])).toMatch(/^close-3-[0-9a-f]{6}$/);
    expect(confirmWord([1, 2])).not.toBe(confirmWord([1, 3]));
    // Pair 0 is a pair like any other.
    expect(confirmWord([0])).not.toBe(confirmWord([]));
  });

  it('counts the pairs that hold or may hold a position, in sequence order', () => {
    const pairs = PAIR_STATES.map((state, i) => ({ pairSeq: 10 - i, state }) as unknown as PairView);
    expect(openPairs(pairs).map((p) => p.state)).toEqual(['close-failed', 'broken', 'closing', 'open']);
    expect(openPairs(pairs).map((p) => p.pairSeq)).toEqual([4, 5, 8, 9]);
  });
});

describe('clock skew from a book', () => {
  const book = (venueTimeMs: number, receivedAtMs: number): L2Book => ({ venue: 'lighter', symbol: 'ETH', bids: [], asks: [], venueSeq: 1, venueTimeMs, receivedAtMs, fresh: true, staleReason: null });

  it('passes inside the limit either way and fails beyond it', () => {
    expect(skewVerdict(book(1_000_000, 1_000_040), 1_000)).toMatchObject({ ok: true, detail: expect.stringMatching(/^\+40 ms behind/) });
    expect(skewVerdict(book(1_000_000, 1_000_000 - CLOCK_SKEW_LIMIT_MS), 1_000).ok).toBe(true);
    expect(skewVerdict(book(1_000_000, 1_000_000 + CLOCK_SKEW_LIMIT_MS + 1), 1_000).ok).toBe(false);
    expect(skewVerdict(book(1_000_000, 1_000_000 - CLOCK_SKEW_LIMIT_MS - 1), 1_000)).toMatchObject({ ok: false, detail: expect.stringMatching(/^-5001 ms/) });
  });

  it('says there is no venue time instead of guessing', () => {
    expect(skewVerdict(null, 1_500)).toMatchObject({ ok: false, detail: expect.stringMatching(/no book message within 1500 ms.*no server-time call/) });
    expect(skewVerdict(book(0, 1_000), 1_500)).toMatchObject({ ok: false, detail: expect.stringMatching(/no venue timestamp/) });
  });
});

describe.runIf(process.platform !== 'win32')('data directory privacy', () => {
  it('passes a private directory, names a loose directory and each loose database file', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'data');
    expect(dataDirProblem(dir)).toBeNull(); // absent: the store creates it
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'sim.db'), '', { mode: 0o600 });
    chmodSync(join(dir, 'sim.db'), 0o600);
    writeFileSync(join(dir, 'notes.txt'), '');
    chmodSync(join(dir, 'notes.txt'), 0o644);
    expect(dataDirProblem(dir)).toBeNull();
    writeFileSync(join(dir, 'sim.db-wal'), '');
    chmodSync(join(dir, 'sim.db-wal'), 0o644);
    expect(dataDirProblem(dir)).toBe('readable by others: sim.db-wal (0644); expected 0600');
    chmodSync(dir, 0o755);
    expect(dataDirProblem(dir)).toMatch(/is 0755, expected 0700$/);
  });
});
