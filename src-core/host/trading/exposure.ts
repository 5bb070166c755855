// The ledger's pairs as the risk gate's entry book (risk/trading-gate.ts EntryBook) and as the
// screener's account view: which pairs may still hold exposure, each leg's notional at the
// current mark (exact decimal of a float mark: analytics precision is enough for a limit, the
// size itself is exact), and when each symbol last closed (cooldown).
import { addDecimal, mulDecimal, numberToDecimal } from '../../domain/decimal';
import type { PairView } from '../../ledger/query-types';
import type { EntryBook, PairExposure } from '../../risk/trading-gate';
import type { VenueId } from '../../domain/venue';

const HOLDING: readonly PairView['state'][] = ['opening', 'open', 'closing', 'broken'];

export interface MarkSource {
  /** A price for the symbol (either venue's mark), or null when none is known. */
  mark(symbol: string): number | null;
}

export function legNotionalUsd(p: Pick<PairView, 'symbol' | 'targetSize'>, marks: MarkSource, fallbackUsd: number): string {
  const mark = marks.mark(p.symbol);
  // No mark yet (a symbol without a fresh view): the configured notional is the best estimate.
  return mark === null ? numberToDecimal(fallbackUsd) : mulDecimal(p.targetSize, numberToDecimal(mark));
}

export function entryBook(pairs: readonly PairView[], marks: MarkSource, fallbackUsd: number): EntryBook {
  const exposures: PairExposure[] = pairs.map((p) => ({
    pairSeq: p.pairSeq,
    symbol: p.symbol,
    state: p.state,
    longVenue: p.longVenue,
    shortVenue: p.shortVenue,
    legNotionalUsd: HOLDING.includes(p.state) ? legNotionalUsd(p, marks, fallbackUsd) : '0',
  }));
  return { pairs: exposures, lastClosedAtMs: lastClosed(pairs) };
}

export function lastClosed(pairs: readonly PairView[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pairs) if (p.closedAtMs !== null) out.set(p.symbol, Math.max(out.get(p.symbol) ?? Number.NEGATIVE_INFINITY, p.closedAtMs));
  return out;
}

/** Open notional per venue and in one symbol, for the executor's sizing (exact). */
export function openNotional(book: EntryBook, symbol: string): { perVenue: Record<VenueId, string>; symbol: string } {
  const perVenue: Record<VenueId, string> = { lighter: '0', extended: '0' };
  let inSymbol = '0';
  for (const p of book.pairs) {
    for (const v of [p.longVenue, p.shortVenue]) perVenue[v] = addDecimal(perVenue[v], p.legNotionalUsd);
    if (p.symbol === symbol) inSymbol = addDecimal(inSymbol, p.legNotionalUsd);
  }
  return { perVenue, symbol: inSymbol };
}

/** The screener's view of our pairs: how many hold exposure, in which symbols, last closes. */
export function pairsAccountView(pairs: readonly PairView[]): { openPairs: number; openSymbols: Set<string>; lastCloseMs: Map<string, number> } {
  const live = pairs.filter((p) => HOLDING.includes(p.state));
  return { openPairs: live.length, openSymbols: new Set(live.map((p) => p.symbol)), lastCloseMs: lastClosed(pairs) };
}
