// Money the venues report that the ledger lacks: fills of our orders, and funding payments. Both
// are recorded as they are (idempotent in the ledger: a fill by its venue fill id, a payment by
// venue, market and settlement time), so recording them is always safe. Fills of orders that are
// not ours are not ours to record: they only count as evidence of a position not ours.
import { CLOSED_PAIR_STATES_FOR_FUNDING } from './pair-states';
import type { DiffContext } from './diff-context';
import type { Discrepancy } from './discrepancy';
import { fundingKey } from './ledger-view';

export function diffMoney(ctx: DiffContext): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const f of ctx.unrecordedOwnFills) {
    out.push({ kind: 'unrecorded-fill', venue: f.fill.venue, venueFillId: f.fill.venueFillId, action: { kind: 'record-fill', fill: f.fill, intentId: f.owner.order?.intentId ?? null } });
  }
  for (const snap of ctx.ok.values()) {
    const seen = new Set<string>();
    for (const payment of snap.fundingPayments) {
      const key = fundingKey(snap.venue, payment.symbol, payment.settlementTimeMs);
      if (seen.has(key) || ctx.view.fundingKeys.has(key)) continue;
      seen.add(key);
      const holders = ctx.view.pairs.filter(
        (p) => p.symbol === payment.symbol && !CLOSED_PAIR_STATES_FOR_FUNDING.includes(p.state) && p.legs.some((l) => l.venue === snap.venue),
      );
      const pairSeq = holders.length === 1 ? holders[0]!.pairSeq : null;
      out.push({ kind: 'unrecorded-funding', venue: snap.venue, symbol: payment.symbol, settlementTimeMs: payment.settlementTimeMs, action: { kind: 'record-funding', payment, pairSeq } });
    }
  }
  return out;
}
