// Positions: per pair, a leg without its other leg (naked: a crash between legs, which upstream
// left untouched, reference-upstream §13 B18) or a pair both venues show flat (zombie); per venue
// market, a position the ledger has none of (not ours) or a size that differs from the ledger's
// legs (judged in steps and USD: size-compare.ts). Only venues whose snapshot succeeded are read:
// a failed query is never flat (B15), so a pair with a leg on such a venue is not judged at all.
import { absDecimal, compareDecimal, signDecimal } from '../domain/decimal';
import { decodeClientOrderId } from '../domain/client-order-id';
import type { ReconcileSettings } from '../config/reconcile';
import type { VenueId } from '../domain/enums';
import { believedLegSize, believedMarketSizes, marketKey, venueSize, type DiffContext } from './diff-context';
import type { Discrepancy } from './discrepancy';
import { IN_FLIGHT_STATES, type LedgerPair } from './ledger-view';
import { LIVE_PAIR_STATES } from './pair-states';
import { compareSizes, usableMark } from './size-compare';
import type { VenueSnapshotOk } from './venue-snapshot';

export type PositionTolerance = Pick<ReconcileSettings, 'sizeMismatchMinSteps' | 'sizeMismatchToleranceUsd'>;

/** Orders of the pair still moving its legs: in flight or lost in the ledger, or open on a venue
 *  (one line each, naming the order; empty when none). */
function workingOrders(ctx: DiffContext, pair: LedgerPair): string[] {
  const out = ctx.view.orders.filter((o) => o.pairSeq === pair.pairSeq && (o.state === 'lost' || IN_FLIGHT_STATES.includes(o.state))).map((o) => `${o.clientOrderId} (${o.state} in the ledger)`);
  for (const snap of ctx.ok.values()) {
    for (const o of snap.openOrders) {
      const parts = decodeClientOrderId(o.clientOrderId, ctx.view.epoch);
      if (parts !== null && parts.pairSeq === pair.pairSeq) out.push(`${o.clientOrderId} (resting on ${snap.venue})`);
    }
  }
  return out;
}

/** States in which no executor runs the pair once none is active on it (an interrupted entry is
 *  marked broken, an interrupted close stays closing): whatever works there works for nobody. */
const UNRUN_STATES: readonly LedgerPair['state'][] = ['broken', 'closing'];

/** Each leg's venue. A crash after the first leg's fill and before the hedge's intent was written
 *  leaves a pair with one leg record: its other leg is the pair's other venue, and the pair is
 *  judged all the same (skipping it left that leg naked with nobody asked). */
function legVenues(pair: LedgerPair): readonly [VenueId, VenueId] {
  const other = (v: VenueId): VenueId => (v === pair.longVenue ? pair.shortVenue : pair.longVenue);
  const a = pair.legs.find((l) => l.leg === 0)?.venue;
  const b = pair.legs.find((l) => l.leg === 1)?.venue;
  if (a !== undefined) return [a, b ?? other(a)];
  if (b !== undefined) return [other(b), b];
  return [pair.longVenue, pair.shortVenue];
}

function legSnapshots(ctx: DiffContext, pair: LedgerPair): readonly [VenueSnapshotOk, VenueSnapshotOk] | null {
  const [a, b] = legVenues(pair);
  const sa = ctx.ok.get(a);
  const sb = ctx.ok.get(b);
  return sa === undefined || sb === undefined ? null : [sa, sb];
}

function diffPairs(ctx: DiffContext, covered: Set<string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const pair of ctx.view.pairs) {
    if (!LIVE_PAIR_STATES.includes(pair.state) || ctx.view.activePairSeqs.has(pair.pairSeq)) continue;
    const snaps = legSnapshots(ctx, pair);
    if (snaps === null) continue;
    const working = workingOrders(ctx, pair);
    if (working.length > 0) {
      // Not judged yet (its legs may still move), but a naked leg nothing runs is told at once:
      // left silent until the order was done, a maker of an interrupted entry that was never
      // cancelled kept the trader from ever hearing of its leg (crash suite's soak, seed 220329457).
      const naked = nakedLeg(ctx, pair, snaps);
      if (naked !== null && UNRUN_STATES.includes(pair.state)) {
        out.push({ ...naked, action: { kind: 'review', why: `the other leg is flat and ${working.join(', ')} still works, with nothing of ours running the pair: cancel it (or let it end), then close the leg` } });
      }
      continue;
    }
    const held = [venueSize(snaps[0], pair.symbol), venueSize(snaps[1], pair.symbol)] as const;
    if (signDecimal(held[0]) === 0 && signDecimal(held[1]) === 0) {
      for (const s of snaps) covered.add(marketKey(s.venue, pair.symbol));
      out.push({
        kind: 'zombie-pair',
        pairSeq: pair.pairSeq,
        symbol: pair.symbol,
        ledgerState: pair.state,
        action: { kind: 'close-zombie-pair', pairSeq: pair.pairSeq, toState: pair.state === 'opening' ? 'rolled-back' : 'closed', reason: 'reconciliation-zombie', keptPnl: pair.pnl },
      });
      continue;
    }
    const naked = nakedLeg(ctx, pair, snaps);
    if (naked !== null) out.push(naked);
  }
  return out;
}

/** The pair's naked leg (one leg held per the ledger and on the venue on its side, the other
 *  flat), with the close of what both agree on; null when there is none. */
function nakedLeg(ctx: DiffContext, pair: LedgerPair, snaps: readonly [VenueSnapshotOk, VenueSnapshotOk]): Extract<Discrepancy, { kind: 'naked-leg' }> | null {
  const sizes = [believedLegSize(ctx, pair, 0), believedLegSize(ctx, pair, 1)] as const;
  const zero = sizes.map((s) => signDecimal(s) === 0);
  if (zero[0] === zero[1]) return null;
  const i = zero[0] ? 1 : 0;
  const leg = pair.legs.find((l) => l.leg === i)!;
  const legSize = sizes[i]!;
  const onVenue = venueSize(snaps[i]!, pair.symbol);
  // The naked leg must be on the venue, on its side; the rest is a size mismatch.
  if (signDecimal(onVenue) !== signDecimal(legSize)) return null;
  const size = compareDecimal(absDecimal(onVenue), absDecimal(legSize)) < 0 ? absDecimal(onVenue) : absDecimal(legSize);
  return {
    kind: 'naked-leg',
    pairSeq: pair.pairSeq,
    venue: leg.venue,
    symbol: pair.symbol,
    positionSide: leg.positionSide,
    legSize,
    action: { kind: 'close-position', why: 'naked-leg', venue: leg.venue, symbol: pair.symbol, side: signDecimal(legSize) > 0 ? 'sell' : 'buy', size, pairSeq: pair.pairSeq },
  };
}

function diffMarkets(ctx: DiffContext, covered: ReadonlySet<string>, t: PositionTolerance): Discrepancy[] {
  const out: Discrepancy[] = [];
  const believed = believedMarketSizes(ctx);
  const tolerance = { minSteps: t.sizeMismatchMinSteps, toleranceUsd: t.sizeMismatchToleranceUsd };
  for (const snap of ctx.ok.values()) {
    const symbols = new Set<string>(snap.positions.map((p) => p.symbol));
    for (const k of believed.keys()) if (k.startsWith(`${snap.venue}|`)) symbols.add(k.slice(snap.venue.length + 1));
    for (const symbol of [...symbols].sort()) {
      const key = marketKey(snap.venue, symbol);
      // A market whose pair moved during the reads: the venue's size and the ledger's may be
      // of different moments (ledger-view.ts movingMarkets).
      if (covered.has(key) || ctx.view.movingMarkets.has(key)) continue;
      const held = venueSize(snap, symbol);
      const ours = believed.get(key) ?? '0';
      // Market metadata by symbol, tested for presence, never for truthiness of its index
      // (Lighter's market 0 is ETH).
      const market = snap.markets.find((m) => m.symbol === symbol);
      const mark = usableMark(snap.positions.find((p) => p.symbol === symbol)?.markPrice) ?? usableMark(market?.markPrice);
      const d = compareSizes(held, ours, market === undefined ? null : market.stepSize, mark, tolerance);
      if (!d.material) continue;
      if (signDecimal(ours) === 0) {
        const foreign = ctx.foreignFills.some((f) => f.venue === snap.venue && f.symbol === symbol);
        out.push({
          kind: 'position-not-ours',
          venue: snap.venue,
          symbol,
          venueSize: held,
          evidence: foreign ? 'foreign-fills' : 'unknown',
          action: { kind: 'close-position', why: 'not-ours', venue: snap.venue, symbol, side: signDecimal(held) > 0 ? 'sell' : 'buy', size: absDecimal(held), pairSeq: null },
        });
        continue;
      }
      out.push({
        kind: 'size-mismatch',
        venue: snap.venue,
        symbol,
        venueSize: held,
        ledgerSize: ours,
        deltaSize: d.deltaSize,
        deltaSteps: d.deltaSteps,
        deltaUsd: d.deltaUsd,
        action: { kind: 'review', why: `venue holds ${held}, the ledger's legs ${ours}: a fill or a position change the ledger does not know of` },
      });
    }
  }
  return out;
}

export function diffPositions(ctx: DiffContext, t: PositionTolerance): Discrepancy[] {
  const covered = new Set<string>();
  const pairs = diffPairs(ctx, covered);
  return [...pairs, ...diffMarkets(ctx, covered, t)];
}
