// What a close round may send on a leg: the ledger's net filled size of the leg (this pair's own
// fills, never the venue's whole position, which may hold other pairs or a manual trade: §13 B11),
// checked against the venue's live position before anything is sent. A position read that fails
// or times out is "unknown", never "flat" (upstream read a failed get_position as no position,
// §13 B15): nothing is sent on it. The venue showing less than the ledger in the leg's direction
// caps the size (a reduce-only order cannot close more than is there) and is reported.
import { absDecimal, compareDecimal, negDecimal, signDecimal, sumDecimals } from '../domain/decimal';
import type { Clock } from '../domain/clock';
import type { Side, VenueId } from '../domain/venue';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { CloseVenue } from './close-types';
import { withDeadline } from './entry-wait';

/** The pair's net filled size on one leg, signed (buys less sells), exact, from the ledger. */
export function legNet(ledger: LedgerRepo, pairSeq: number, leg: 0 | 1): string {
  return sumDecimals(ledger.fillsOfPair(pairSeq).filter((f) => f.leg === leg).map((f) => (f.side === 'buy' ? f.size : negDecimal(f.size))));
}

export type VenuePosition = { readonly kind: 'known'; readonly size: string } | { readonly kind: 'unknown'; readonly why: string };

/** The venue's signed position in `symbol` ("0" when the venue lists none), or unknown. */
export async function readPosition(venue: CloseVenue, venueId: VenueId, symbol: string, clock: Clock, deadlineMono: number): Promise<VenuePosition> {
  const r = await withDeadline(clock, venue.positions(), deadlineMono);
  if (r.kind === 'timeout') return { kind: 'unknown', why: `${venueId} position read: no answer in time` };
  if (r.kind === 'failed') return { kind: 'unknown', why: `${venueId} position read failed: ${r.error instanceof Error ? r.error.message : String(r.error)}` };
  const mine = r.value.filter((p) => p.symbol === symbol);
  return { kind: 'known', size: sumDecimals(mine.map((p) => p.size)) };
}

export type LegTarget =
  /** The ledger holds nothing on the leg. */
  | { readonly kind: 'flat' }
  | { readonly kind: 'close'; readonly side: Side; readonly size: string; readonly ledgerSize: string; readonly venueShort: boolean }
  /** Nothing may be sent: the position is unknown, or the venue holds none of it. */
  | { readonly kind: 'blocked'; readonly why: string };

/** What the round closes on a leg from the ledger's net and the venue's position. */
export function legTarget(net: string, pos: VenuePosition, venueId: VenueId): LegTarget {
  const sign = signDecimal(net);
  if (sign === 0) return { kind: 'flat' };
  if (pos.kind === 'unknown') return { kind: 'blocked', why: pos.why };
  const ledgerSize = absDecimal(net);
  const side: Side = sign > 0 ? 'sell' : 'buy';
  const there = signDecimal(pos.size) === sign ? absDecimal(pos.size) : '0';
  if (signDecimal(there) === 0) return { kind: 'blocked', why: `the ledger holds ${net} on ${venueId} but the venue shows ${pos.size}: nothing to reduce (reconciliation decides)` };
  const venueShort = compareDecimal(there, ledgerSize) < 0;
  return { kind: 'close', side, size: venueShort ? there : ledgerSize, ledgerSize, venueShort };
}
