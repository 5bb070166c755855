// The Positions screen's numbers (api/channels/positions.ts), as a pure function of what the
// trading core already holds in memory: the ledger's pair rows and legs (exact money), the live
// venue positions (position-book.ts: the account streams and the risk feed's full reads), the
// market view (marks, predicted rates, next settlement), the balances and the exit evaluation
// (the same path as pairs.exits). No I/O, no clock: the caller passes `nowMs`.
import type { ExitTable } from '../../api/channels/exits';
import { BREAK_EVEN_MAX_HOURS, type NearestExit, type PositionLeg, type PositionRow, type PositionsOverview } from '../../api/channels/positions';
import { absDecimal, addDecimal, normalizeDecimal, signDecimal, subDecimal, sumDecimals } from '../../domain/decimal';
import type { PairState } from '../../domain/enums';
import { apyFromHourly, netCarryHourly } from '../../domain/funding-math';
import type { PositionSide, VenueId } from '../../domain/venue';
import type { LegDetail } from '../../ledger/pair-summary';
import type { PairView } from '../../ledger/query-types';
import type { SymbolView, VenueView } from '../../market/types';
import type { LivePosition } from '../../strategy/exits';
import type { Balance } from '../../venues/port';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];

/** Pairs shown: every state in which the pair holds, may hold, or is leaving a position. */
export const SHOWN_STATES: ReadonlySet<PairState> = new Set(['opening', 'open', 'broken', 'closing', 'close-failed']);

export interface PositionsInputs {
  readonly pairs: readonly PairView[];
  readonly legs: (pairSeq: number) => readonly LegDetail[];
  readonly view: (symbol: string) => SymbolView | undefined;
  /** The venue's live position; null = unknown (position-book.ts get). */
  readonly position: (venue: VenueId, symbol: string, notBeforeMs: number) => LivePosition | null;
  /** The pair's exit-rule table now; null when it is not judged (not open) or cannot be yet. */
  readonly exits: (pairSeq: number) => ExitTable | null;
  readonly balances: Readonly<Record<VenueId, Balance | null>>;
  /** Exact funding of the pairs settled at or after `dayStartMs`. */
  readonly fundingSince: (dayStartMs: number) => string;
  readonly nowMs: number;
}

export function utcDayStartMs(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS;
}

const toNum = (d: string): number => Number(d);

function mid(v: VenueView): number | null {
  const bid = v.bids[0]?.price;
  const ask = v.asks[0]?.price;
  return bid === undefined || ask === undefined ? null : (bid + ask) / 2;
}

/** The venue's position mark when it reported one, else its published mark, else the book mid. */
function markOf(live: LivePosition | null, v: VenueView | undefined): number | null {
  if (live !== null && live.markPrice > 0) return live.markPrice;
  if (v === undefined) return null;
  return v.markPrice !== null && v.markPrice > 0 ? v.markPrice : mid(v);
}

/** Fraction of the mark the price may move against the leg before its liquidation price. */
export function liquidationDistance(side: PositionSide, mark: number | null, liq: number | null): number | null {
  if (mark === null || liq === null || mark <= 0 || liq <= 0) return null;
  return side === 'long' ? (mark - liq) / mark : (liq - mark) / mark;
}

function leg(venue: VenueId, side: PositionSide, d: LegDetail | undefined, live: LivePosition | null, v: VenueView | undefined): PositionLeg {
  const sizeBase = d === undefined ? '0' : normalizeDecimal(absDecimal(d.positionSize));
  const size = toNum(sizeBase);
  const mark = markOf(live, v);
  const entry = d?.avgEntryPrice ?? null;
  const liq = live?.liquidationPrice ?? null;
  let pricePnlUsd: number | null;
  if (size === 0) pricePnlUsd = 0;
  else if (mark === null || entry === null) pricePnlUsd = null;
  else pricePnlUsd = (side === 'long' ? mark - toNum(entry) : toNum(entry) - mark) * size;
  return {
    venue,
    positionSide: side,
    sizeBase,
    liveSizeBase: live === null ? null : normalizeDecimal(live.size),
    entryPrice: entry,
    markPrice: mark,
    notionalUsd: mark === null ? null : size * mark,
    pricePnlUsd,
    liquidationPrice: liq,
    liquidationDistanceFraction: liquidationDistance(side, mark, liq),
  };
}

/** The rule closest to deciding: the first closing rule that fired (in priority order; while
 *  min-hold holds the pair it fires without closing, and the why says so), else the unfired closing
 *  rule nearest its threshold relative to the threshold's size. 'hold' rules never close. */
export function nearestExit(t: ExitTable | null): NearestExit | null {
  if (t === null) return null;
  const closing = t.rules.filter((r) => r.effect !== 'hold');
  const pick = (r: ExitTable['rules'][number], distanceFraction: number | null, held = false): NearestExit =>
    ({ rule: r.rule, fired: r.fired, held, observed: r.observed, threshold: r.threshold, unit: r.unit, why: held ? `${r.why} (held: ${t.decision.why})` : r.why, distanceFraction });
  const fired = closing.find((r) => r.fired);
  if (fired !== undefined) return pick(fired, null, t.decision.rule !== fired.rule);
  let best: NearestExit | null = null;
  for (const r of closing) {
    if (r.observed === null || r.threshold === null) continue;
    const distance = Math.abs(r.observed - r.threshold) / Math.max(Math.abs(r.threshold), 1e-12);
    if (best === null || distance < best.distanceFraction!) best = pick(r, distance);
  }
  return best;
}

/** Share of the cost funding has paid back and the hours left at the current carry. */
export function breakEven(costUsd: number, fundingUsd: number, hourlyCarryUsd: number | null): PositionRow['breakEven'] {
  const paidBackFraction = costUsd > 0 ? fundingUsd / costUsd : null;
  if (costUsd <= 0 || fundingUsd >= costUsd) return { state: 'paid-back', costUsd, paidBackFraction, hoursLeft: null };
  if (hourlyCarryUsd === null) return { state: 'unknown', costUsd, paidBackFraction, hoursLeft: null };
  if (hourlyCarryUsd <= 0) return { state: 'never', costUsd, paidBackFraction, hoursLeft: null };
  const hoursLeft = (costUsd - fundingUsd) / hourlyCarryUsd;
  // Past the cap the figure is meaningless (and may not be finite): the UI shows ">999 h".
  return { state: 'earning', costUsd, paidBackFraction, hoursLeft: Math.min(hoursLeft, BREAK_EVEN_MAX_HOURS + 1) };
}

function trustedRate(v: VenueView | undefined): number | null {
  return v === undefined || v.fundingRejectedSinceMs !== null ? null : v.predictedHourlyRate;
}

function nextSettlement(view: SymbolView | undefined, a: VenueId, b: VenueId): number | null {
  if (view === undefined) return null;
  const times = [view[a].nextSettlementMs, view[b].nextSettlementMs].filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

export function positionRow(pair: PairView, x: Omit<PositionsInputs, 'pairs' | 'balances' | 'fundingSince'>): PositionRow {
  const view = x.view(pair.symbol);
  const details = x.legs(pair.pairSeq);
  const notBeforeMs = pair.openedAtMs ?? pair.createdAtMs;
  const liveLong = x.position(pair.longVenue, pair.symbol, notBeforeMs);
  const liveShort = x.position(pair.shortVenue, pair.symbol, notBeforeMs);
  const long = leg(pair.longVenue, 'long', details.find((l) => l.venue === pair.longVenue && l.positionSide === 'long'), liveLong, view?.[pair.longVenue]);
  const short = leg(pair.shortVenue, 'short', details.find((l) => l.venue === pair.shortVenue && l.positionSide === 'short'), liveShort, view?.[pair.shortVenue]);

  const deltaBase = liveLong === null || liveShort === null ? null : normalizeDecimal(addDecimal(liveLong.size, liveShort.size));
  const marks = [long.markPrice, short.markPrice].filter((m): m is number => m !== null);
  const avgMark = marks.length === 0 ? null : marks.reduce((a, b) => a + b, 0) / marks.length;
  const deltaUsd = deltaBase === null || avgMark === null ? null : toNum(deltaBase) * avgMark;

  const fundingUsd = normalizeDecimal(subDecimal(pair.pnl.fundingReceivedUsd, pair.pnl.fundingPaidUsd));
  const unrealized = long.pricePnlUsd === null || short.pricePnlUsd === null ? null : long.pricePnlUsd + short.pricePnlUsd;
  const pricePnlUsd = unrealized === null ? null : toNum(pair.pnl.realizedPnlUsd) + unrealized;
  const netPnlUsd = pricePnlUsd === null ? null : pricePnlUsd + toNum(fundingUsd) - toNum(pair.pnl.feesUsd);

  const lr = trustedRate(view?.[pair.longVenue]);
  const sr = trustedRate(view?.[pair.shortVenue]);
  const currentNetHourly = lr === null || sr === null ? null : netCarryHourly(lr, sr);
  const entryNetApy = pair.entryApy ?? (pair.entryLongHourlyRate === null || pair.entryShortHourlyRate === null ? null : apyFromHourly(netCarryHourly(pair.entryLongHourlyRate, pair.entryShortHourlyRate)));
  const hourlyCarryUsd = currentNetHourly === null || long.notionalUsd === null ? null : currentNetHourly * long.notionalUsd;

  return {
    pairSeq: pair.pairSeq,
    symbol: pair.symbol,
    state: pair.state,
    longVenue: pair.longVenue,
    shortVenue: pair.shortVenue,
    sizeBase: long.sizeBase,
    sizeUsd: long.notionalUsd,
    long,
    short,
    deltaBase,
    deltaUsd,
    realizedPnlUsd: pair.pnl.realizedPnlUsd,
    pricePnlUsd,
    fundingUsd,
    feesUsd: pair.pnl.feesUsd,
    ledgerNetUsd: pair.pnl.netUsd,
    netPnlUsd,
    hoursHeld: pair.openedAtMs === null ? null : Math.max(0, x.nowMs - pair.openedAtMs) / HOUR_MS,
    breakEven: breakEven(toNum(pair.pnl.feesUsd), toNum(fundingUsd), hourlyCarryUsd),
    currentNetApy: currentNetHourly === null ? null : apyFromHourly(currentNetHourly),
    entryNetApy,
    hourlyCarryUsd,
    nextSettlementMs: nextSettlement(view, pair.longVenue, pair.shortVenue),
    nearestExit: nearestExit(x.exits(pair.pairSeq)),
    openedAtMs: pair.openedAtMs,
  };
}

/** An exact sum of exact values; null as soon as one is unknown (never counted as zero). */
function sumKnown(values: readonly (string | null)[]): string | null {
  return values.some((v) => v === null) ? null : normalizeDecimal(sumDecimals(values as string[]));
}

export function positionsOverview(x: PositionsInputs): PositionsOverview {
  const rows = x.pairs.filter((p) => SHOWN_STATES.has(p.state)).map((p) => positionRow(p, x));
  const exposure = (venue: VenueId): number | null => {
    let sum = 0;
    for (const r of rows) {
      for (const l of [r.long, r.short]) {
        if (l.venue !== venue || signDecimal(l.sizeBase) === 0) continue;
        if (l.notionalUsd === null) return null;
        sum += l.notionalUsd;
      }
    }
    return sum;
  };
  const venues = VENUE_IDS.map((venue) => {
    const b = x.balances[venue];
    return { venue, equityUsd: b === null ? null : normalizeDecimal(b.equityUsd), freeMarginUsd: b === null ? null : normalizeDecimal(b.availableUsd), exposureUsd: exposure(venue) };
  });
  const exposures = venues.map((v) => v.exposureUsd);
  const dayStartMs = utcDayStartMs(x.nowMs);
  return {
    computedAtMs: x.nowMs,
    rows,
    totals: {
      venues,
      equityUsd: sumKnown(venues.map((v) => v.equityUsd)),
      freeMarginUsd: sumKnown(venues.map((v) => v.freeMarginUsd)),
      exposureUsd: exposures.some((e) => e === null) ? null : exposures.reduce<number>((a, b) => a + b!, 0),
      fundingTodayUsd: x.fundingSince(dayStartMs),
      dayStartMs,
    },
  };
}
