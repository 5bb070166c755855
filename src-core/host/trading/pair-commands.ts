// The pairs channel's commands (host/handlers/pairs.ts PairCommands) on the trading core:
// preview sizes and prices an entry from the books and balances now without sending anything;
// open starts one (the same path as auto-entry, marked manual) and answers with its attempt id
// as soon as it is recorded; cancelEntry stops an entry in progress. A new pair opens only while
// trading is ACTIVE: REDUCING and HALTED refuse pairs.open first, with the state's own reason.
import { ApiFailure } from '../../api/envelope';
import type { PairPreview } from '../../api/channels/pairs';
import type { Settings } from '../../config/schema';
import { addDecimal, divDecimal, fromIncrements, mulDecimal, numberToDecimal } from '../../domain/decimal';
import { netCarryHourly } from '../../domain/funding-math';
import type { TradingStateRecord } from '../../domain/trading-state';
import type { PairExecutor } from '../../execution/pair-executor';
import { ladderBps, slippageLimitPrice } from '../../execution/hedge-ladder';
import type { PairCommands, PairRequest } from '../handlers/pairs';
import type { PairStarter } from './pair-starter';

/** USD amounts from float analytics (cost models) as decimal strings, to the micro-dollar. */
function usd(x: number): string {
  return numberToDecimal(Math.round(x * 1e6) / 1e6);
}

export interface PairCommandsOptions {
  readonly starter: PairStarter;
  readonly executor: Pick<PairExecutor, 'preview' | 'cancelEntry'>;
  readonly settings: () => Settings;
  readonly costs: (req: PairRequest, notionalUsd: number) => { entryCostBps: number; entryCostUsd: number; exitCostUsd: number } | null;
  readonly now: () => number;
  readonly tradingState: () => TradingStateRecord;
}

/** A preview's break-even: hours of today's net carry to pay the round trip; null = never. */
export function breakevenHours(costUsd: number, netHourlyRate: number, notionalUsd: number): number | null {
  const carryPerHourUsd = netHourlyRate * notionalUsd;
  return carryPerHourUsd > 0 && Number.isFinite(costUsd) ? Math.max(0, costUsd) / carryPerHourUsd : null;
}

export function createPairCommands(o: PairCommandsOptions): PairCommands {
  return {
    async preview(request): Promise<PairPreview> {
      const check = await o.starter.check({ ...request, triggeredBy: 'manual' });
      if (!check.ok) throw new ApiFailure('CONFLICT', check.reason);
      const sized = await o.executor.preview({
        symbol: request.symbol, longVenue: request.longVenue, shortVenue: request.shortVenue, capacityBase: check.capacityBase, triggeredBy: 'manual',
        entryLongHourlyRate: check.longHourlyRate, entryShortHourlyRate: check.shortHourlyRate, entryApy: check.netApy,
        openNotionalUsd: check.openNotionalUsd, openSymbolNotionalUsd: check.openSymbolNotionalUsd, notionalUsd: check.notionalUsd,
      });
      if (!sized.ok) throw new ApiFailure('CONFLICT', sized.reason);
      const t = o.settings().trading;
      const makerPrice = fromIncrements(sized.makerPxTicks, sized.makerMeta.tickSize);
      // The hedge's first IOC limit: the touch it takes plus the ladder's first rung.
      const hedgePrice = slippageLimitPrice(sized.plan.hedge.side, sized.hedgePxTicks, ladderBps(0, t), sized.hedgeMeta.tickSize);
      const leverage = t.leverageMultiple;
      const leg = (venue: 'maker' | 'hedge') => {
        const meta = venue === 'maker' ? sized.makerMeta : sized.hedgeMeta;
        const price = venue === 'maker' ? makerPrice : hedgePrice;
        const rate = venue === 'maker' ? meta.makerFeeRate : meta.takerFeeRate;
        const notionalUsd = mulDecimal(sized.size, price);
        return {
          venue: meta.venue,
          side: venue === 'maker' ? sized.plan.maker.side : sized.plan.hedge.side,
          role: venue === 'maker' ? ('maker' as const) : ('taker' as const),
          price,
          notionalUsd,
          feeBps: rate * 10_000,
          feeUsd: mulDecimal(notionalUsd, numberToDecimal(rate)),
          // Rounded up to the cent: the preview never understates the margin a leg takes.
          marginUsd: divDecimal(notionalUsd, numberToDecimal(leverage), 2, 'ceil'),
        };
      };
      const maker = leg('maker');
      const hedge = leg('hedge');
      const long = maker.venue === request.longVenue ? maker : hedge;
      const short = long === maker ? hedge : maker;
      const c = o.costs(request, check.notionalUsd);
      const notional = check.notionalUsd;
      const entryCostUsd = usd(c?.entryCostUsd ?? 0);
      const exitCostUsd = usd(c?.exitCostUsd ?? 0);
      const netHourlyRate = netCarryHourly(check.longHourlyRate, check.shortHourlyRate);
      return {
        symbol: request.symbol,
        longVenue: request.longVenue,
        shortVenue: request.shortVenue,
        notionalUsd: numberToDecimal(notional),
        size: sized.size,
        long,
        short,
        entryCostBps: c?.entryCostBps ?? 0,
        entryCostUsd,
        exitCostBps: c === null || notional === 0 ? 0 : (c.exitCostUsd / notional) * 10_000,
        exitCostUsd,
        netHourlyRate,
        breakevenHours: breakevenHours(Number(entryCostUsd) + Number(exitCostUsd), netHourlyRate, notional),
        leverage,
        marginUsedUsd: addDecimal(long.marginUsd, short.marginUsd),
        computedAtMs: o.now(),
      };
    },

    async open(request) {
      const state = o.tradingState();
      if (state.state !== 'ACTIVE') throw new ApiFailure('CONFLICT', `trading is ${state.state} (${state.reason}): no new pair opens until the trader resumes`);
      const req = { ...request, triggeredBy: 'manual' as const };
      const check = await o.starter.check(req);
      if (!check.ok) throw new ApiFailure('CONFLICT', check.reason);
      if (o.starter.busy()) throw new ApiFailure('CONFLICT', 'another entry is in progress');
      const started = o.starter.start(req, check);
      // The outcome arrives as events and in pairs.attempts; a failure is logged by the starter.
      started.result.catch(() => undefined);
      return { attemptId: await started.attemptId };
    },

    cancelEntry(pairSeq) {
      if (!o.executor.cancelEntry(pairSeq, 'cancelled by the trader')) throw new ApiFailure('CONFLICT', `no entry of pair ${pairSeq} is running`);
      return { pairSeq, state: 'opening' as const };
    },
  };
}
