// Evaluates one symbol in one direction: carry, costs from walking both books at the target
// size, expected value, stability, funding window, then every gate in order. Pure and fast:
// it reads the in-memory views only.
import type { ScreenerParams } from '../config/screener-params';
import { capacityUsd, walkBook } from '../domain/book-walk';
import { apyFromHourly, dynamicMaxSpreadFraction, entryFeesUsd, exitFeesUsd, expectedValue, hourlyFromApy, netCarryHourly, type LegFees } from '../domain/funding-math';
import { spreadStability, type SpreadStability } from '../domain/stats';
import { otherVenue, type VenueId } from '../domain/venue';
import type { AccountView, HistoryView, SymbolView, VenueView } from '../market/types';
import { evHourlyRate, type EvRate } from './ev-blend';
import { fail, isTradfi, pass, type GateResult } from './gates';
import { spreadOpenHoursGate, spreadZGate } from './spike-gates';
import { spreadHistory, type SpreadHistory } from './spread-history';

export interface DirectionReport {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly longHourlyRate: number;
  readonly shortHourlyRate: number;
  readonly netHourlyRate: number;
  readonly netApy: number;
  readonly entrySpreadFraction: number;
  readonly entryCostUsd: number;
  readonly entryCostBps: number;
  readonly exitCostUsd: number;
  readonly feesUsd: number;
  readonly expectedValueUsd: number;
  /** The hourly rate the expected value credited over the hold, and where it came from. */
  readonly evRate: EvRate;
  readonly breakevenHours: number;
  readonly capacityUsd: number;
  readonly stability: SpreadStability;
  /** The direction's settled history now: open hours, window mean and z (the spike gates'). */
  readonly spread: SpreadHistory;
  readonly minutesToFunding: Readonly<Record<VenueId, number | null>>;
  readonly catchesNextPayment: boolean;
  readonly gates: readonly GateResult[];
  readonly passed: boolean;
  /** The first failing gate, or null when every gate passes. */
  readonly rejection: GateResult | null;
}

const view = (s: SymbolView, v: VenueId): VenueView => (v === 'lighter' ? s.lighter : s.extended);

function rate(v: VenueView): number | null {
  return v.predictedHourlyRate ?? v.settledHourlyRate;
}

export function evaluateDirection(s: SymbolView, longVenue: VenueId, settings: ScreenerParams, account: AccountView, history: HistoryView, nowMs: number): DirectionReport {
  const shortVenue = otherVenue(longVenue);
  const long = view(s, longVenue);
  const short = view(s, shortVenue);
  const N = settings.notionalUsd;
  const longRate = rate(long) ?? 0;
  const shortRate = rate(short) ?? 0;
  const net = netCarryHourly(longRate, shortRate);
  const netApy = apyFromHourly(net);

  // Entry crosses the long venue's asks and the short venue's bids at the target size.
  const buy = walkBook(long.asks, N);
  const sell = walkBook(short.bids, N);
  const entrySpreadFraction = Number.isFinite(buy.vwap) && Number.isFinite(sell.vwap) ? (buy.vwap - sell.vwap) / buy.vwap : Number.POSITIVE_INFINITY;
  const exitBuy = walkBook(short.asks, N);
  const exitSell = walkBook(long.bids, N);
  const exitSpreadFraction = Number.isFinite(exitBuy.vwap) && Number.isFinite(exitSell.vwap) ? Math.max(0, (exitBuy.vwap - exitSell.vwap) / exitBuy.vwap) : 0;

  const maker = view(s, settings.makerVenue);
  const hedge = view(s, otherVenue(settings.makerVenue));
  const fees: LegFees = {
    makerVenueMakerRate: maker.meta.makerFeeRate,
    makerVenueTakerRate: maker.meta.takerFeeRate,
    hedgeVenueMakerRate: hedge.meta.makerFeeRate,
    hedgeVenueTakerRate: hedge.meta.takerFeeRate,
  };
  const entryFees = entryFeesUsd(N, fees);
  const exitFees = exitFeesUsd(N, fees, settings.exitMakerProbabilityRatio);
  const spreadCostUsd = Number.isFinite(entrySpreadFraction) ? entrySpreadFraction * N : Number.POSITIVE_INFINITY;
  const exitSpreadUsd = exitSpreadFraction * N;
  const costUsd = entryFees + exitFees + Math.max(spreadCostUsd, 0) + exitSpreadUsd;
  const openThresholdHourly = hourlyFromApy(settings.minApy);
  const spread = spreadHistory(history, { symbol: s.symbol, longVenue, liveNetHourly: net, openThresholdHourly, windowHours: settings.spreadWindowHours, nowMs });
  const evRate = evHourlyRate({ predictedNetHourly: net, settledMeanHourly: spread.windowMeanHourly, holdHours: settings.holdHours, halfLifeHours: settings.evSpikeHalfLifeHours });
  const ev = expectedValue({ notionalUsd: N, netHourlyRate: evRate.hourlyRate, holdHours: settings.holdHours, costUsd });
  const capacity = Math.min(capacityUsd(long.asks, settings.maxSlippageBps), capacityUsd(short.bids, settings.maxSlippageBps));
  const stability = spreadStability(history.netHourly(s.symbol, longVenue), net, openThresholdHourly);
  const minutes = (v: VenueView) => (v.nextSettlementMs === null ? null : Math.max(0, (v.nextSettlementMs - nowMs) / 60_000));
  const minutesToFunding = { lighter: minutes(s.lighter), extended: minutes(s.extended) } as const;
  // Entering takes up to a minute (maker wait + hedge); a settlement sooner than that is missed.
  const catchesNextPayment = (minutesToFunding.lighter ?? 0) > 1 && (minutesToFunding.extended ?? 0) > 1;

  const gates: GateResult[] = [];
  const sym = s.symbol;
  gates.push(settings.blacklist.includes(sym) ? fail('blacklist', 'symbol is blacklisted', sym, null, '') : pass('blacklist', sym, null, ''));
  gates.push(settings.excludeTradfi && isTradfi(sym) ? fail('tradfi', 'TradFi/FX market excluded', sym, null, '') : pass('tradfi', sym, null, ''));
  // New entries only where both venues trade the market normally: a reduce-only market still
  // lets an open pair close, a delisted or prelisted one takes nothing (venues.md §7.3).
  const notActive = [long, short].filter((v) => v.meta.status !== 'active');
  gates.push(
    notActive.length > 0
      ? fail('market-status', notActive.map((v) => `${v.venue} market is ${v.meta.status}`).join('; '), notActive.map((v) => `${v.venue}: ${v.meta.status}`).join(', '), 'active', 'status')
      : pass('market-status', 'active', 'active', 'status'),
  );
  // A refused funding value leaves the last good one in the view: it is not current, so it is
  // missing for an entry decision.
  const missing = [long, short].filter((v) => rate(v) === null).map((v) => `${v.venue} funding`);
  for (const v of [long, short]) if (v.fundingRejectedSinceMs !== null && rate(v) !== null) missing.push(`${v.venue} funding (refused as implausible: ${v.fundingRejectedReason ?? 'no reason given'})`);
  if (long.asks.length === 0 && long.bids.length === 0) missing.push(`${long.venue} book`);
  if (short.asks.length === 0 && short.bids.length === 0) missing.push(`${short.venue} book`);
  gates.push(missing.length > 0 ? fail('market-data', `missing ${missing.join(', ')}`, missing.length, 0, 'items') : pass('market-data', 0, 0, 'items'));
  const stale = [long, short].filter((v) => !v.bookFresh || nowMs - v.bookVenueTimeMs > settings.staleBookMs);
  const worstAge = Math.max(...[long, short].map((v) => nowMs - v.bookVenueTimeMs));
  gates.push(
    stale.length > 0
      ? fail('stale-book', `${stale.map((v) => `${v.venue}: ${v.bookStaleReason ?? 'book older than the limit'}`).join('; ')}`, worstAge, settings.staleBookMs, 'ms')
      : pass('stale-book', worstAge, settings.staleBookMs, 'ms'),
  );
  const oneSided = [long.asks.length === 0 ? `${long.venue} has no asks` : null, short.bids.length === 0 ? `${short.venue} has no bids` : null].filter((x) => x !== null);
  gates.push(oneSided.length > 0 ? fail('one-sided-book', oneSided.join('; '), 0, 1, 'levels') : pass('one-sided-book', Math.min(long.asks.length, short.bids.length), 1, 'levels'));
  gates.push(netApy < settings.minApy ? fail('min-apy', `net APY ${(netApy * 100).toFixed(1)} % is below ${(settings.minApy * 100).toFixed(1)} %`, netApy, settings.minApy, 'apy') : pass('min-apy', netApy, settings.minApy, 'apy'));
  gates.push(spreadOpenHoursGate(spread, settings.minSpreadOpenHours, openThresholdHourly, nowMs));
  gates.push(spreadZGate(spread, settings.maxSpreadZSigma, settings.spreadWindowHours));
  const l1Need = Math.max(settings.minL1NotionalUsd, N * settings.minL1NotionalMultiple);
  const l1Have = Math.min((long.asks[0]?.price ?? 0) * (long.asks[0]?.size ?? 0), (short.bids[0]?.price ?? 0) * (short.bids[0]?.size ?? 0));
  gates.push(
    capacity < N || l1Have < l1Need
      ? fail('depth', capacity < N ? `only $${capacity.toFixed(0)} fits ${settings.maxSlippageBps} bps of slippage` : `top-of-book $${l1Have.toFixed(0)} is below $${l1Need.toFixed(0)}`, Math.min(capacity, l1Have), Math.max(N, l1Need), 'usd')
      : pass('depth', Math.min(capacity, l1Have), Math.max(N, l1Need), 'usd'),
  );
  const maxSpread = dynamicMaxSpreadFraction(netApy, settings.maxSpreadFraction, settings.maxSpreadCapFraction);
  gates.push(
    entrySpreadFraction > maxSpread
      ? fail('max-spread', `entry spread ${(entrySpreadFraction * 100).toFixed(3)} % exceeds ${(maxSpread * 100).toFixed(3)} %`, entrySpreadFraction, maxSpread, 'fraction')
      : pass('max-spread', entrySpreadFraction, maxSpread, 'fraction'),
  );
  gates.push(
    ev.totalEvUsd < settings.minExpectedValueUsd
      ? fail('expected-value', `expected value $${ev.totalEvUsd.toFixed(2)} over ${settings.holdHours} h is below $${settings.minExpectedValueUsd.toFixed(2)}`, ev.totalEvUsd, settings.minExpectedValueUsd, 'usd')
      : pass('expected-value', ev.totalEvUsd, settings.minExpectedValueUsd, 'usd'),
  );
  gates.push(
    ev.breakevenHours > settings.maxBreakevenHours
      ? fail('breakeven', `break-even ${Number.isFinite(ev.breakevenHours) ? ev.breakevenHours.toFixed(1) + ' h' : 'never'} exceeds ${settings.maxBreakevenHours} h`, Number.isFinite(ev.breakevenHours) ? ev.breakevenHours : null, settings.maxBreakevenHours, 'hours')
      : pass('breakeven', ev.breakevenHours, settings.maxBreakevenHours, 'hours'),
  );
  const ratioNeed = spreadCostUsd > 0 ? spreadCostUsd * settings.minEvToSpreadRatio : 0;
  gates.push(
    spreadCostUsd > 0 && ev.totalEvUsd < ratioNeed
      ? fail('ev-to-spread', `expected value $${ev.totalEvUsd.toFixed(2)} is under ${settings.minEvToSpreadRatio}× the spread cost $${spreadCostUsd.toFixed(2)}`, ev.totalEvUsd, ratioNeed, 'usd')
      : pass('ev-to-spread', ev.totalEvUsd, ratioNeed, 'usd'),
  );
  const lastClose = account.lastCloseMs.get(sym);
  const sinceCloseMin = lastClose === undefined ? null : (nowMs - lastClose) / 60_000;
  gates.push(
    sinceCloseMin !== null && sinceCloseMin < settings.cooldownMinutes
      ? fail('cooldown', `closed ${sinceCloseMin.toFixed(0)} min ago`, sinceCloseMin, settings.cooldownMinutes, 'minutes')
      : pass('cooldown', sinceCloseMin, settings.cooldownMinutes, 'minutes'),
  );
  gates.push(
    account.openPairs >= settings.maxOpenPairs && !account.openSymbols.has(sym)
      ? fail('max-open-pairs', `${account.openPairs} of ${settings.maxOpenPairs} pairs open`, account.openPairs, settings.maxOpenPairs, 'pairs')
      : pass('max-open-pairs', account.openPairs, settings.maxOpenPairs, 'pairs'),
  );
  const needMarginUsd = N / settings.leverageMultiple;
  const avail = [account.availableUsd[longVenue], account.availableUsd[shortVenue]];
  const usable = avail.map((a) => (a === null ? null : a * (1 - settings.minFreeMarginFraction)));
  const short_ = usable.some((u) => u === null) ? null : Math.min(...(usable as number[]));
  gates.push(
    short_ === null
      ? fail('margin', 'available margin unknown on a venue', null, needMarginUsd, 'usd')
      : short_ < needMarginUsd
        ? fail('margin', `available margin $${short_.toFixed(2)} is below the $${needMarginUsd.toFixed(2)} a leg needs`, short_, needMarginUsd, 'usd')
        : pass('margin', short_, needMarginUsd, 'usd'),
  );

  const rejection = gates.find((g) => !g.passed) ?? null;
  return {
    symbol: sym,
    longVenue,
    shortVenue,
    longHourlyRate: longRate,
    shortHourlyRate: shortRate,
    netHourlyRate: net,
    netApy,
    entrySpreadFraction,
    entryCostUsd: entryFees + Math.max(spreadCostUsd, 0),
    entryCostBps: ((entryFees + spreadCostUsd) / N) * 10_000,
    exitCostUsd: exitFees + exitSpreadUsd,
    feesUsd: entryFees + exitFees,
    expectedValueUsd: ev.totalEvUsd,
    evRate,
    breakevenHours: ev.breakevenHours,
    capacityUsd: capacity,
    stability,
    spread,
    minutesToFunding,
    catchesNextPayment,
    gates,
    passed: rejection === null,
    rejection,
  };
}
