// The risk feed's per-pair hedge verdict (what the exit rules' broken-hedge row reads) and its
// hand-over of every successful full position read (the exit rules' position book). A failed
// read is never flat: it neither confirms nor clears a broken hedge.
import { describe, expect, it } from 'vitest';
import { riskDefaults } from '../../../../src-core/config/risk';
import type { VenueId } from '../../../../src-core/domain/venue';
import { BreakerBoard } from '../../../../src-core/risk/breaker-board';
import type { TradingStateRecord, TransitionRequest } from '../../../../src-core/risk/trading-state';
import { silentLogger } from '../../../../src-core/telemetry/log';
import { HEDGE_CHECK_EVERY_MS, startRiskFeed } from '../../../../src-core/host/trading/risk-feed';
import type { Position } from '../../../../src-core/venues/port';

const pos = (venue: VenueId, size: string): Position => ({ venue, symbol: 'ETH', size, entryPrice: 1, markPrice: 1, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: null });

function rig() {
  let rec: TradingStateRecord = { state: 'ACTIVE', reason: 'start', changedAtMs: 0 };
  const board = new BreakerBoard({ current: () => rec, request: (r: TransitionRequest) => (rec = { state: r.state, reason: r.reason, changedAtMs: r.atMs }) });
  const sizes: Record<VenueId, string | Error> = { lighter: '0.5', extended: '-0.5' };
  const reads: [VenueId, readonly Position[], number][] = [];
  let nowMs = 0;
  const port = (venue: VenueId) => ({
    onAccount: () => () => undefined,
    positions: async () => {
      const s = sizes[venue];
      if (s instanceof Error) throw s;
      return [pos(venue, s)];
    },
    market: () => ({ stepSize: '0.001' }) as never,
    diagnostics: { rateLimit: () => ({ usedFraction: 0, demandFraction: 0 }) } as never,
  });
  const feed = startRiskFeed({
    board,
    ports: { lighter: port('lighter'), extended: port('extended') },
    balances: () => ({ lighter: null, extended: null }),
    peaks: { updateEquityPeak: (e) => e, netCapitalFlowsUsd: () => '0' },
    openPairs: () => [{ pairSeq: 0, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' }],
    settings: () => ({ ...riskDefaults, brokenHedgeConfirmationCount: 2 }),
    log: silentLogger,
    now: () => nowMs,
    ticker: { every: () => () => undefined },
    onPositions: (venue, p, atMs) => reads.push([venue, p, atMs]),
  });
  const check = async () => {
    nowMs += HEDGE_CHECK_EVERY_MS;
    await feed.tick();
  };
  return { feed, sizes, reads, check, board };
}

describe('risk feed: per-pair hedge verdict', () => {
  it('is "not checked yet" before the first check, then balanced', async () => {
    const r = rig();
    expect(r.feed.hedge(0)).toEqual({ broken: false, detail: 'not checked yet' });
    await r.check();
    expect(r.feed.hedge(0).broken).toBe(false);
    expect(r.feed.hedge(0).detail).toMatch(/^balanced/);
    expect(r.reads.map(([v, p, at]) => [v, p[0]!.size, at])).toEqual([['lighter', '0.5', HEDGE_CHECK_EVERY_MS], ['extended', '-0.5', HEDGE_CHECK_EVERY_MS]]);
  });

  it('is broken once the imbalance is confirmed, stays broken through a failed read, clears when balanced', async () => {
    const r = rig();
    r.sizes.extended = '-0.4';
    await r.check();
    expect(r.feed.hedge(0).broken).toBe(false);
    await r.check();
    expect(r.feed.hedge(0)).toMatchObject({ broken: true });
    expect(r.feed.hedge(0).detail).toMatch(/imbalance .* beyond tolerance/);
    r.sizes.extended = new Error('503');
    const readsBefore = r.reads.length;
    await r.check();
    expect(r.feed.hedge(0).broken).toBe(true);
    // Only the successful read was handed over.
    expect(r.reads.slice(readsBefore).map(([v]) => v)).toEqual(['lighter']);
    r.sizes.extended = '-0.5';
    await r.check();
    expect(r.feed.hedge(0).broken).toBe(false);
  });
});
