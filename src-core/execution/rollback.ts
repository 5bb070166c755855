// Rollback: close exactly the unhedged quantity of THIS pair (its own fills, never the venue's
// whole position, which may hold other pairs or a manual trade: upstream closed the venue's
// position, reference-upstream §13 B11) with reduce-only IOCs at settings.rollbackSlippageBps
// from the touch, within the entry's deadline. Its cost comes from the ledger's fills.
import { compareDecimal, negDecimal, signDecimal, subDecimal, sumDecimals } from '../domain/decimal';
import { legPnl } from '../ledger/pnl';
import { takerTouch, touchTicks } from './book-touch';
import { opposite } from './entry-plan';
import { settled, type EntryRun } from './entry-run';
import type { RollbackReport } from './entry-types';
import { slippageLimitPrice } from './hedge-ladder';

export interface RollbackEnd extends RollbackReport {
  /** True when the pair's two legs are equal again. */
  readonly ok: boolean;
  readonly reason: string;
}

function excessLeg(run: EntryRun): { leg: 0 | 1; size: string } | null {
  const d = subDecimal(run.netOf(0), run.netOf(1));
  const sign = signDecimal(d);
  if (sign === 0) return null;
  return sign > 0 ? { leg: 0, size: d } : { leg: 1, size: negDecimal(d) };
}

export async function rollbackUnhedged(run: EntryRun): Promise<RollbackEnd | null> {
  const first = excessLeg(run);
  if (first === null) return null;
  const legPlan = first.leg === 0 ? run.plan.maker : run.plan.hedge;
  const market = first.leg === 0 ? run.markets.maker : run.markets.hedge;
  const side = opposite(legPlan.side);
  const before = run.filledOf(first.leg, 'rollback');
  let reason = 'closed';
  // Each try closes what is still excess; bounded by the hedge attempt count and the deadline.
  for (let i = 0; i < run.settings.hedgeMaxAttemptCount; i += 1) {
    const ex = excessLeg(run);
    if (ex === null || ex.leg !== first.leg) break;
    if (run.anyUnsettled()) {
      reason = 'an order of the pair is unresolved: its fills are not known';
      break;
    }
    if (run.finallyExpired()) {
      reason = 'entry deadline passed before the rollback finished';
      break;
    }
    const book = run.deps.venues[legPlan.venue].book(run.plan.symbol);
    const touch = book === undefined ? null : takerTouch(side, touchTicks(book, market.tickSize));
    if (touch === null) {
      reason = 'no book to price the rollback';
      break;
    }
    const price = slippageLimitPrice(side, touch, run.settings.rollbackSlippageBps, market.tickSize);
    const sent = await run.send({ leg: legPlan, purpose: 'rollback', side, size: ex.size, price, tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    if (sent.kind === 'refused') {
      reason = sent.reason;
      break;
    }
    const done = await run.settleIoc(sent.order.intent.clientOrderId, run.finalDeadlineMono);
    if (!settled(done)) {
      reason = `rollback IOC ${done.intent.clientOrderId} did not settle`;
      break;
    }
    reason = compareDecimal(done.order.filledSize, ex.size) < 0 ? 'rollback IOC left a remainder' : 'closed';
  }
  const left = excessLeg(run);
  const closedSize = subDecimal(run.filledOf(first.leg, 'rollback'), before);
  const cost = rollbackCost(run, first.leg);
  return {
    venue: legPlan.venue,
    closedSize,
    leftSize: left === null || left.leg !== first.leg ? '0' : left.size,
    ...cost,
    ok: left === null,
    reason: left === null ? 'closed' : reason,
  };
}

/** Realized price PnL of the leg's round trip and the rollback orders' fees, from the ledger. */
function rollbackCost(run: EntryRun, leg: 0 | 1): { realizedPnlUsd: string; feesUsd: string } {
  const fills = run.deps.ledger.fillsOfPair(run.pairSeq).filter((f) => f.leg === leg);
  const rollbackFees = fills.filter((f) => f.clientOrderId !== null && run.deps.ledger.intentByClientOrderId(f.clientOrderId)?.purpose === 'rollback').map((f) => f.feeUsd);
  return { realizedPnlUsd: legPnl(fills).realizedPnlUsd, feesUsd: sumDecimals(rollbackFees) };
}
