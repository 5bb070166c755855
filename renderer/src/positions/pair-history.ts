// A pair's story from its ledger detail (pairs.detail): the timeline the trader reads (intent,
// each order and how it ended, each fill, each funding payment, opened and closed) and the PnL
// split over time (price, funding, fees) the chart draws. The chart's price line replays the
// fills at average cost in floats: a picture of the ledger's exact figures, not a second ledger;
// its last point is the core's own figure when the pair is still held (priced at the mark).
import type { QueryOutput } from '../../../src-core/api/contract';
import { CLOSED_ORDER_STATES, type OrderStateName } from '../../../src-core/domain/enums';

export type PairDetailData = QueryOutput<'pairs.detail'>;

export type TimelineKind = 'intent' | 'order' | 'order-end' | 'fill' | 'funding' | 'opened' | 'closed';

export interface TimelineEntry {
  readonly atMs: number;
  readonly kind: TimelineKind;
  readonly venue: string | null;
  readonly text: string;
  /** Exact money the entry moved (fee of a fill, cash of a payment), when it moved any. */
  readonly amountUsd: string | null;
}

/** An order's story ends when it closed, or when it was given up as lost (reconciliation's case). */
const TERMINAL: ReadonlySet<OrderStateName> = new Set([...CLOSED_ORDER_STATES, 'lost']);

export function pairTimeline(d: PairDetailData): TimelineEntry[] {
  const p = d.pair;
  const out: TimelineEntry[] = [
    { atMs: p.createdAtMs, kind: 'intent', venue: null, text: `intent: long ${p.longVenue} / short ${p.shortVenue}, ${p.targetSize} ${p.symbol} each`, amountUsd: null },
  ];
  for (const o of d.orders) {
    out.push({ atMs: o.createdAtMs, kind: 'order', venue: o.venue, text: `${o.purpose} order: ${o.side} ${o.size} @ ${o.price} ${o.tif}${o.reduceOnly ? ' reduce-only' : ''} (#${o.clientOrderId})`, amountUsd: null });
    if (TERMINAL.has(o.state)) {
      const why = o.rejectReason ?? o.endReason;
      out.push({ atMs: o.updatedAtMs, kind: 'order-end', venue: o.venue, text: `${o.purpose} order ${o.state}: filled ${o.filledSize} of ${o.size}${why === null ? '' : ` (${why})`}`, amountUsd: null });
    }
  }
  for (const f of d.fills) out.push({ atMs: f.timeMs, kind: 'fill', venue: f.venue, text: `fill: ${f.side} ${f.size} @ ${f.price} ${f.isMaker ? 'maker' : 'taker'}`, amountUsd: f.feeUsd });
  for (const f of d.funding) out.push({ atMs: f.settlementTimeMs, kind: 'funding', venue: f.venue, text: `funding: ${f.positionSide} ${f.positionSize}${f.hourlyRate === null ? '' : ` at ${(f.hourlyRate * 100).toFixed(4)} %/h`}`, amountUsd: f.cashUsd });
  if (p.openedAtMs !== null) out.push({ atMs: p.openedAtMs, kind: 'opened', venue: null, text: 'pair open (both legs hedged)', amountUsd: null });
  if (p.closedAtMs !== null) out.push({ atMs: p.closedAtMs, kind: 'closed', venue: null, text: `pair ${p.state}${p.closeReason === null ? '' : `: ${p.closeReason}`}`, amountUsd: null });
  const order: Record<TimelineKind, number> = { intent: 0, order: 1, fill: 2, 'order-end': 3, opened: 4, funding: 5, closed: 6 };
  return out.sort((a, b) => a.atMs - b.atMs || order[a.kind] - order[b.kind]);
}

export interface PnlPoint {
  readonly atMs: number;
  readonly priceUsd: number;
  readonly fundingUsd: number;
  /** Fees as a cost: negative when paid. */
  readonly feesUsd: number;
  readonly netUsd: number;
}

/** Cumulative price, funding and fee PnL after each fill and payment; `now` adds the held pair's
 *  current price PnL (the core's mark-based estimate) as the last point. */
export function pnlSeries(d: PairDetailData, now: { atMs: number; pricePnlUsd: number | null } | null): PnlPoint[] {
  const events: ({ t: number; kind: 'fill'; f: PairDetailData['fills'][number] } | { t: number; kind: 'funding'; cash: number })[] = [
    ...d.fills.map((f) => ({ t: f.timeMs, kind: 'fill' as const, f })),
    ...d.funding.map((f) => ({ t: f.settlementTimeMs, kind: 'funding' as const, cash: Number(f.cashUsd) })),
  ].sort((a, b) => a.t - b.t);
  const legs = new Map<number, { q: number; avg: number }>();
  let realized = 0;
  let funding = 0;
  let fees = 0;
  const points: PnlPoint[] = [];
  const push = (atMs: number, priceUsd: number) => points.push({ atMs, priceUsd, fundingUsd: funding, feesUsd: -fees, netUsd: priceUsd + funding - fees });
  for (const e of events) {
    if (e.kind === 'funding') funding += e.cash;
    else {
      const s = (e.f.side === 'buy' ? 1 : -1) * Number(e.f.size);
      const px = Number(e.f.price);
      const l = legs.get(e.f.leg) ?? { q: 0, avg: 0 };
      if (l.q === 0 || Math.sign(l.q) === Math.sign(s)) {
        l.avg = (l.avg * Math.abs(l.q) + px * Math.abs(s)) / (Math.abs(l.q) + Math.abs(s));
        l.q += s;
      } else {
        const closed = Math.min(Math.abs(s), Math.abs(l.q));
        realized += closed * (px - l.avg) * Math.sign(l.q);
        const before = l.q;
        l.q += s;
        if (Math.sign(l.q) !== 0 && Math.sign(l.q) !== Math.sign(before)) l.avg = px;
      }
      legs.set(e.f.leg, l);
      fees += Number(e.f.feeUsd);
    }
    push(e.t, realized);
  }
  // The held pair's price PnL now (the core's estimate at the marks), never before the last point.
  if (now !== null && now.pricePnlUsd !== null) push(Math.max(now.atMs, points.at(-1)?.atMs ?? now.atMs), now.pricePnlUsd);
  return points;
}
