// The trading gate: the one check the executor makes before every order (checkOrder) and before
// it starts a new pair (checkEntry). Pure: the gate state comes from the breaker board
// (risk/breaker-board.ts), the exposure from the ledger, the limits from settings.trading.
//
// The rules (docs/ARCHITECTURE.md, "Safety rules"):
// - a cancel is always allowed: it never adds exposure, and refusing one could leave a resting
//   order to fill in a state that forbids the fill;
// - until startup has read both venues back (`reconciled`), nothing else is allowed: the ledger
//   may not yet know what is open;
// - HALTED allows cancels only; REDUCING also allows exposure-reducing orders; ACTIVE all;
// - a blocking condition (venue or stream down, rate limit saturated, balance unknown) refuses
//   orders that open exposure while it lasts, and nothing else.
//
// Hedges: the hedge of an entry's filled leg is its own effect, 'hedge', allowed wherever a
// 'reduce' is. A filled maker leg IS the pair's exposure: one naked leg, delta = its size. The
// hedge takes the pair's net delta back to zero, so at the pair level it reduces exposure even
// though it adds a position on the other venue; refusing it leaves the naked leg, which the rules
// forbid ("a pair never keeps one leg"), and the only other way out, a rollback, is also an
// exposure-reducing order that pays a full round trip. A blocking condition does not stop it
// either, whichever venue it is on: a condition only says "do not start something new"; a hedge
// sent to a venue that is really down fails through the port (rejected or unknown), and the
// executor's bounded hedge attempts then roll back on the venue that works. HALTED still refuses
// it: HALTED means cancels only (a drawdown or the trader's stop), and the pair goes to the trader.
import { addDecimal, compareDecimal, numberToDecimal, parseDecimal, signDecimal } from '../domain/decimal';
import type { PairState } from '../domain/enums';
import type { TradingState, VenueId } from '../domain/venue';
import type { TradingSettings } from '../config/trading';
import type { BlockingCondition } from './breakers/types';
import { RiskInputError } from './risk-error';

/** What an order does to exposure: 'open' adds it (an entry's first leg), 'hedge' completes an
 *  entry whose leg filled (reduces the pair's net delta), 'reduce' takes it away (rollback, exit,
 *  close, reduce-only), 'cancel' removes a resting order. */
export const ORDER_EFFECTS = ['open', 'hedge', 'reduce', 'cancel'] as const;
export type OrderEffect = (typeof ORDER_EFFECTS)[number];

export type GateRefusal =
  | 'halted'
  | 'reducing'
  | 'not-reconciled'
  | 'blocked'
  | 'max-open-pairs'
  | 'venue-notional'
  | 'symbol-notional'
  | 'symbol-busy'
  | 'cooldown';

export type GateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: GateRefusal; readonly detail: string };

export interface GateState {
  /** The persisted trading state. */
  readonly tradingState: TradingState;
  /** Set by startup after a readback of both venues. */
  readonly reconciled: boolean;
  readonly conditions: readonly BlockingCondition[];
}

export interface OrderCheck {
  readonly effect: OrderEffect;
  /** For the refusal's detail only. */
  readonly venue: VenueId;
  readonly symbol: string;
}

const ALLOWED: GateVerdict = { allowed: true };

function refuse(reason: GateRefusal, detail: string): GateVerdict {
  return { allowed: false, reason, detail };
}

function lessensExposure(effect: OrderEffect): boolean {
  switch (effect) {
    case 'open':
      return false;
    case 'hedge':
    case 'reduce':
    case 'cancel':
      return true;
    default:
      throw new RiskInputError('bad-effect', `unknown order effect ${JSON.stringify(effect)}`);
  }
}

export function describeConditions(conditions: readonly BlockingCondition[]): string {
  return conditions.map((c) => c.reason).join('; ');
}

export function checkOrder(gate: GateState, order: OrderCheck): GateVerdict {
  const reducing = lessensExposure(order.effect);
  if (order.effect === 'cancel') return ALLOWED;
  const what = `${order.effect} order on ${order.venue} ${order.symbol}`;
  if (gate.tradingState === 'HALTED') return refuse('halted', `${what} refused: trading is HALTED (cancels only)`);
  if (!gate.reconciled) return refuse('not-reconciled', `${what} refused: the venues have not been read back since start (cancels only)`);
  if (reducing) return ALLOWED;
  if (gate.tradingState === 'REDUCING') return refuse('reducing', `${what} refused: trading is REDUCING (exposure-reducing orders only)`);
  if (gate.conditions.length > 0) return refuse('blocked', `${what} refused while ${describeConditions(gate.conditions)}`);
  return ALLOWED;
}

// ---- a new pair ---------------------------------------------------------------------------------

/** States in which a pair still holds (or may hold) exposure on the venues (a pair whose close
 *  failed still holds it: it counts like an open one). */
const LIVE_PAIR_STATES: readonly PairState[] = ['opening', 'open', 'closing', 'broken', 'close-failed'];

export interface PairExposure {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly state: PairState;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  /** Notional of each leg (USD, exact decimal). */
  readonly legNotionalUsd: string;
}

export interface EntryRequest {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly legNotionalUsd: string;
  /** Wall-clock ms: the cooldown runs from a close time stored in the ledger. */
  readonly atMs: number;
}

export interface EntryBook {
  readonly pairs: readonly PairExposure[];
  /** Wall-clock ms of the last close per symbol. */
  readonly lastClosedAtMs: ReadonlyMap<string, number>;
}

export type EntryLimits = Pick<TradingSettings, 'maxOpenPairs' | 'maxNotionalPerVenueUsd' | 'maxNotionalPerSymbolUsd' | 'cooldownMinutes'>;

const MINUTE_MS = 60_000;

function checkedNotional(name: string, text: string, positive: boolean): string {
  try {
    parseDecimal(text);
  } catch {
    throw new RiskInputError('bad-notional', `${name} is not an exact decimal: ${JSON.stringify(text)}`);
  }
  const sign = signDecimal(text);
  if (sign < 0 || (positive && sign === 0)) throw new RiskInputError('bad-notional', `${name} must be ${positive ? 'positive' : 'zero or more'}, got ${text}`);
  return text;
}

function validateEntry(req: EntryRequest, book: EntryBook): void {
  if (req.symbol.length === 0) throw new RiskInputError('bad-pair', 'an entry needs a symbol');
  if (req.longVenue === req.shortVenue) throw new RiskInputError('bad-pair', `an entry needs two venues, got ${req.longVenue} twice`);
  if (!Number.isFinite(req.atMs)) throw new RiskInputError('bad-number', `entry time is not finite: ${req.atMs}`);
  checkedNotional('legNotionalUsd', req.legNotionalUsd, true);
  for (const p of book.pairs) checkedNotional(`pair ${p.pairSeq} legNotionalUsd`, p.legNotionalUsd, false);
}

/** Each pair has one leg on its long venue and one on its short venue. */
function venueNotional(live: readonly PairExposure[]): Map<VenueId, string> {
  const sums = new Map<VenueId, string>();
  for (const p of live) for (const v of [p.longVenue, p.shortVenue]) sums.set(v, addDecimal(sums.get(v) ?? '0', p.legNotionalUsd));
  return sums;
}

function busyText(state: PairState): string {
  switch (state) {
    case 'opening':
      return 'still entering';
    case 'broken':
      return 'broken (one leg may be alone)';
    case 'close-failed':
      return 'close-failed (a leg is still open)';
    default:
      return state;
  }
}

/** Whether a new pair may start: the gate as for an 'open' order, then the limits. Exposure
 *  counts every pair that may still hold a position, entries in flight included. */
export function checkEntry(gate: GateState, book: EntryBook, req: EntryRequest, limits: EntryLimits): GateVerdict {
  validateEntry(req, book);
  const g = checkOrder(gate, { effect: 'open', venue: req.longVenue, symbol: req.symbol });
  if (!g.allowed) return g;
  const live = book.pairs.filter((p) => LIVE_PAIR_STATES.includes(p.state));
  // A symbol whose pair is not cleanly open takes no new entry: while one is entering, closing,
  // broken (a leg alone after a failed or interrupted entry) or close-failed, a second pair's
  // orders would land on the same venue positions (each venue nets a symbol into one position),
  // so the closer's reduce-only orders and reconciliation could no longer tell whose size is
  // whose (found by the crash suite: a restart's auto-entry opened ETH again beside a broken ETH
  // pair whose naked leg the trader was about to close).
  const busy = live.find((p) => p.symbol === req.symbol && p.state !== 'open');
  if (busy !== undefined) return refuse('symbol-busy', `${req.symbol}: pair ${busy.pairSeq} is ${busyText(busy.state)} (no new entry beside it)`);
  // Never closed: as if closed forever ago.
  const closedAt = book.lastClosedAtMs.get(req.symbol) ?? Number.NEGATIVE_INFINITY;
  const cooldownMs = limits.cooldownMinutes * MINUTE_MS;
  if (req.atMs - closedAt < cooldownMs) {
    return refuse('cooldown', `${req.symbol}: closed ${Math.round((req.atMs - closedAt) / 1000)} s ago, cooldown is ${limits.cooldownMinutes} min`);
  }
  if (live.length >= limits.maxOpenPairs) return refuse('max-open-pairs', `${live.length} pairs open or in flight, the limit is ${limits.maxOpenPairs}`);
  const perVenue = venueNotional(live);
  for (const venue of [req.longVenue, req.shortVenue]) {
    const after = addDecimal(perVenue.get(venue) ?? '0', req.legNotionalUsd);
    if (compareDecimal(after, numberToDecimal(limits.maxNotionalPerVenueUsd)) > 0) {
      return refuse('venue-notional', `${venue} notional would be $${after}, the limit is $${limits.maxNotionalPerVenueUsd}`);
    }
  }
  let symbolSum = req.legNotionalUsd;
  for (const p of live) if (p.symbol === req.symbol) symbolSum = addDecimal(symbolSum, p.legNotionalUsd);
  if (compareDecimal(symbolSum, numberToDecimal(limits.maxNotionalPerSymbolUsd)) > 0) {
    return refuse('symbol-notional', `${req.symbol} notional would be $${symbolSum} per leg, the limit is $${limits.maxNotionalPerSymbolUsd}`);
  }
  return ALLOWED;
}
