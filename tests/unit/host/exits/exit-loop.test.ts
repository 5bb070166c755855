// The exit loop's decisions over hand-built snapshots (tests/unit/strategy/exits/fixtures.ts: a
// healthy pair on which no rule fires): a fired rule is announced once and handed to the closer
// with its urgency; an escalation is handed over again; auto-exit off only announces; a rebalance
// is asked at most once per REBALANCE_RETRY_MS; one pair's failure does not stop the others.
import { describe, expect, it } from 'vitest';
import type { ExitFired } from '../../../../src-core/api/channels/exits';
import { exitDefaults } from '../../../../src-core/config/exits';
import type { PairState } from '../../../../src-core/domain/enums';
import type { PairView } from '../../../../src-core/ledger/query-types';
import type { ExitSnapshot } from '../../../../src-core/strategy/exits';
import { silentLogger } from '../../../../src-core/telemetry/log';
import { CLOSE_RETRY_MS, REBALANCE_RETRY_MS, startExitLoop, type CloseUrgency } from '../../../../src-core/host/trading/exit-loop';
import { NOW_MS, snapshot, type SnapshotOver } from '../../strategy/exits/fixtures';

const manualTicker = { every: () => () => undefined };

function pairView(pairSeq: number, state: PairState = 'open'): PairView {
  const zero = { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' };
  return {
    pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', state, targetSize: '0.1', legs: [],
    entryLongHourlyRate: 0.00001, entryShortHourlyRate: 0.00011, entryApy: 0.876, createdAtMs: 0, openedAtMs: 0, closedAtMs: null, closeReason: null, pnl: zero,
  };
}

interface Rig {
  readonly fired: ExitFired[];
  readonly closes: [number, CloseUrgency, string][];
  readonly rebalances: number[];
  over: Map<number, SnapshotOver | 'throw' | null>;
  pairs: PairView[];
  auto: boolean;
  nowMs: number;
  closeResult: () => Promise<unknown>;
}

function rig(pairs: PairView[]) {
  const r: Rig = { fired: [], closes: [], rebalances: [], over: new Map(), pairs, auto: true, nowMs: NOW_MS, closeResult: () => Promise.resolve() };
  const loop = startExitLoop({
    pairs: () => r.pairs,
    snapshot: (p): ExitSnapshot | null => {
      const o = r.over.get(p.pairSeq);
      if (o === 'throw') throw new Error('bad book');
      if (o === null) return null;
      return snapshot({ pairSeq: p.pairSeq, ...(o ?? {}) });
    },
    settings: () => exitDefaults,
    autoExit: () => r.auto,
    closer: { close: (seq, urgency, reason) => { r.closes.push([seq, urgency, reason]); return r.closeResult(); } },
    rebalancer: { rebalance: async (seq) => { r.rebalances.push(seq); } },
    onFired: (e) => r.fired.push(e),
    log: silentLogger,
    now: () => r.nowMs,
    ticker: manualTicker,
  });
  return { r, loop };
}

/** A snapshot past the max hold (240 h): a normal close. */
const OLD: SnapshotOver = { entryTimeMs: NOW_MS - 300 * 3_600_000 };
/** The venues' hedge is broken: an emergency close. */
const BROKEN: SnapshotOver = { hedge: { broken: true, detail: 'imbalance 0.05' } };
/** Long leg 0.1, short leg 0.098: 2 % apart, inside the rebalance band (1 %) and below the delta bound. */
const DRIFTED: SnapshotOver = { positions: { long: { size: '0.1', markPrice: 3_500, liquidationPrice: 2_500 }, short: { size: '-0.098', markPrice: 3_500, liquidationPrice: 4_500 } } };

describe('exit loop', () => {
  it('a healthy pair fires nothing, is not closed and has its table', () => {
    const { r, loop } = rig([pairView(0)]);
    loop.tick();
    expect(r.fired).toEqual([]);
    expect(r.closes).toEqual([]);
    const t = loop.evaluate(0)!;
    expect(t.pairSeq).toBe(0);
    expect(t.decision).toEqual({ urgency: 'none', rule: null, why: 'no rule fired' });
    expect(t.rules.map((x) => x.rule)).toContain('atr-trailing-stop');
    expect(t.evaluatedAtMs).toBe(NOW_MS);
  });

  it('a fired rule is announced once and handed to the closer with its urgency', () => {
    const { r, loop } = rig([pairView(0)]);
    r.over.set(0, OLD);
    loop.tick();
    loop.tick();
    loop.tick();
    expect(r.fired).toHaveLength(1);
    expect(r.fired[0]).toMatchObject({ pairSeq: 0, symbol: 'ETH', rule: 'max-hold', urgency: 'normal', action: 'closing', unit: 'hours', atMs: NOW_MS });
    expect(r.fired[0]!.observed).toBeCloseTo(300, 6);
    expect(r.fired[0]!.threshold).toBe(exitDefaults.maxHoldHours);
    expect(r.closes).toEqual([[0, 'normal', expect.stringMatching(/^max-hold: /)]]);
  });

  it('an escalation to an emergency is handed over again', () => {
    const { r, loop } = rig([pairView(0)]);
    r.over.set(0, OLD);
    loop.tick();
    r.over.set(0, { ...OLD, ...BROKEN });
    loop.tick();
    expect(r.closes.map((c) => c[1])).toEqual(['normal', 'emergency']);
    expect(r.fired.map((f) => f.rule)).toEqual(['max-hold', 'broken-hedge']);
  });

  it('with auto-exit off the rule is announced as advised and nothing is closed', () => {
    const { r, loop } = rig([pairView(0)]);
    r.auto = false;
    r.over.set(0, BROKEN);
    loop.tick();
    expect(r.fired).toMatchObject([{ rule: 'broken-hedge', urgency: 'emergency', action: 'advised' }]);
    expect(r.closes).toEqual([]);
  });

  it('a rule that stops firing and fires again is announced again', () => {
    const { r, loop } = rig([pairView(0)]);
    r.auto = false;
    r.over.set(0, OLD);
    loop.tick();
    r.over.set(0, {});
    loop.tick();
    r.over.set(0, OLD);
    loop.tick();
    expect(r.fired.map((f) => f.rule)).toEqual(['max-hold', 'max-hold']);
  });

  it('a failed close is announced and handed over again on the next tick', async () => {
    const { r, loop } = rig([pairView(0)]);
    r.closeResult = () => Promise.reject(new Error('venue down'));
    r.over.set(0, OLD);
    loop.tick();
    await Promise.resolve();
    await Promise.resolve();
    loop.tick();
    expect(r.closes).toHaveLength(2);
  });

  it('a close that ended with the pair still open is asked again after the retry interval, not before', async () => {
    const { r, loop } = rig([pairView(0)]);
    r.over.set(0, OLD);
    loop.tick();
    await Promise.resolve();
    r.nowMs += CLOSE_RETRY_MS - 1;
    loop.tick();
    expect(r.closes).toHaveLength(1);
    r.nowMs += 1;
    loop.tick();
    expect(r.closes).toHaveLength(2);
    // Announced once all along.
    expect(r.fired).toHaveLength(1);
  });

  it('legs drifted inside the band are rebalanced, at most once per retry interval', () => {
    const { r, loop } = rig([pairView(0)]);
    r.over.set(0, DRIFTED);
    loop.tick();
    r.nowMs += REBALANCE_RETRY_MS - 1;
    loop.tick();
    expect(r.rebalances).toEqual([0]);
    r.nowMs += 1;
    loop.tick();
    expect(r.rebalances).toEqual([0, 0]);
    expect(r.closes).toEqual([]);
  });

  it('only open and broken pairs are judged; a closed or opening pair has no table', () => {
    const { r, loop } = rig([pairView(0, 'closed'), pairView(1, 'opening'), pairView(2, 'broken')]);
    for (const s of [0, 1, 2]) r.over.set(s, BROKEN);
    loop.tick();
    expect(r.closes.map((c) => c[0])).toEqual([2]);
    expect(loop.evaluate(0)).toBeNull();
    expect(loop.evaluate(1)).toBeNull();
    expect(loop.evaluate(7)).toBeNull();
  });

  it('one pair that cannot be evaluated does not stop the others', () => {
    const { r, loop } = rig([pairView(0), pairView(1), pairView(2)]);
    r.over.set(0, 'throw');
    r.over.set(1, null);
    r.over.set(2, OLD);
    loop.tick();
    expect(r.closes.map((c) => c[0])).toEqual([2]);
    expect(loop.evaluate(1)).toBeNull();
  });
});
