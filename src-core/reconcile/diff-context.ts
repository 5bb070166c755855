// What every part of the diff reads: the snapshots that succeeded, the ledger's orders indexed by
// id, the venues' fills of ours the ledger has not recorded, and from them what the ledger will
// believe once they are recorded (per pair leg, and per venue market). Pure.
import { addDecimal, negDecimal, normalizeDecimal } from '../domain/decimal';
import type { VenueId } from '../domain/enums';
import type { Fill } from '../venues/port';
import { fillKey, type LedgerPair, type LedgerView } from './ledger-view';
import { OrderIndex, type Ownership } from './ownership';
import type { VenueSnapshotOk } from './venue-snapshot';

export interface OwnFill {
  readonly fill: Fill;
  readonly owner: Ownership;
  readonly pairSeq: number;
  readonly leg: 0 | 1;
}

export interface DiffContext {
  readonly view: LedgerView;
  readonly ok: ReadonlyMap<VenueId, VenueSnapshotOk>;
  readonly index: OrderIndex;
  /** Fills of ours on a venue that the ledger does not hold. */
  readonly unrecordedOwnFills: readonly OwnFill[];
  /** Fills on a venue whose order is not ours (recorded or not). */
  readonly foreignFills: readonly Fill[];
}

export function marketKey(venue: VenueId, symbol: string): string {
  return `${venue}|${symbol}`;
}

const signed = (f: Pick<Fill, 'side' | 'size'>): string => (f.side === 'buy' ? f.size : negDecimal(f.size));

export function buildContext(view: LedgerView, ok: ReadonlyMap<VenueId, VenueSnapshotOk>): DiffContext {
  const index = new OrderIndex(view);
  const unrecordedOwnFills: OwnFill[] = [];
  const foreignFills: Fill[] = [];
  for (const snap of ok.values()) {
    const seen = new Set<string>();
    for (const fill of snap.fills) {
      const key = fillKey(snap.venue, fill.venueFillId);
      // A venue may list a fill twice across pages: count it once.
      if (seen.has(key)) continue;
      seen.add(key);
      const owner = index.owner(snap.venue, fill.clientOrderId, fill.venueOrderId);
      if (owner === null) {
        foreignFills.push(fill);
        continue;
      }
      if (view.fillKeys.has(key)) continue;
      unrecordedOwnFills.push({ fill, owner, ...OrderIndex.pairLeg(owner) });
    }
  }
  return { view, ok, index, unrecordedOwnFills, foreignFills };
}

/** A leg's size once the venue's unrecorded fills of it are counted (signed, normalized). */
export function believedLegSize(ctx: DiffContext, pair: LedgerPair, leg: 0 | 1): string {
  const summary = pair.legs.find((l) => l.leg === leg);
  if (summary === undefined) return '0';
  let size = summary.positionSize;
  for (const f of ctx.unrecordedOwnFills) {
    if (f.pairSeq === pair.pairSeq && f.leg === leg && f.fill.venue === summary.venue && f.fill.symbol === pair.symbol) size = addDecimal(size, signed(f.fill));
  }
  return normalizeDecimal(size);
}

/** Per venue market: the sum of the ledger's legs there plus every unrecorded fill of ours there
 *  (including fills whose pair is not in the view: they moved our position all the same). */
export function believedMarketSizes(ctx: DiffContext): Map<string, string> {
  const out = new Map<string, string>();
  const add = (venue: VenueId, symbol: string, size: string) => {
    const k = marketKey(venue, symbol);
    out.set(k, normalizeDecimal(addDecimal(out.get(k) ?? '0', size)));
  };
  for (const p of ctx.view.pairs) for (const l of p.legs) add(l.venue, p.symbol, l.positionSize);
  for (const f of ctx.unrecordedOwnFills) add(f.fill.venue, f.fill.symbol, signed(f.fill));
  return out;
}

/** The venue's signed size in a market; only for a venue whose snapshot succeeded. */
export function venueSize(snap: VenueSnapshotOk, symbol: string): string {
  return snap.positions.find((p) => p.symbol === symbol)?.size ?? '0';
}
