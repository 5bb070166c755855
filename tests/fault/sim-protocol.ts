// What the crash suite's parent and its two children say to each other over IPC (sim-child.ts,
// core-child.ts): typed once here so both sides agree.
import type { VenueId } from '../../src-core/domain/venue';
import type { OrderPurpose } from '../../src-core/domain/client-order-id';

/** SIGKILL the core at the nth order of a purpose the venue receives (optionally on one venue):
 *  'before' it reaches the book (it never exists at the venue) or 'after' (it does; its answer
 *  is never read). On 'cancel', the nth cancel of an order of that purpose: 'before' the order
 *  is left resting, 'after' it is cancelled with the answer unread. */
export interface SimTrap {
  readonly on: 'place' | 'cancel';
  readonly purpose: OrderPurpose;
  readonly nth: number;
  readonly when: 'before' | 'after';
  readonly venue?: VenueId;
}

export type SimRequest =
  | { readonly op: 'pin'; readonly pins: readonly (readonly [VenueId, string, number | null])[] }
  | { readonly op: 'arm'; readonly pid: number; readonly trap: SimTrap }
  | { readonly op: 'disarm' }
  /** Refuse every order of this purpose on the venue (null: stop): a hedge that cannot fill. */
  | { readonly op: 'rejectPurpose'; readonly venue: VenueId; readonly purpose: OrderPurpose | null }
  | { readonly op: 'partialFill'; readonly venue: VenueId; readonly fraction: number | null }
  /** Every request on these REST routes of the venue waits `ms` before it is served (0: no wait). */
  | { readonly op: 'latency'; readonly venue: VenueId; readonly routes: readonly string[]; readonly ms: number }
  /** One funding settlement of every market now (answers its settlement time). */
  | { readonly op: 'settle' }
  | { readonly op: 'inspect' }
  | { readonly op: 'symbols' };

export interface SimOrderRow {
  readonly clientId: string;
  readonly orderId: number;
  readonly symbol: string;
  readonly isAsk: boolean;
  readonly sizeSteps: number;
  readonly filledSteps: number;
  readonly status: string;
  readonly reduceOnly: boolean;
  readonly tif: string;
}

/** The venue's own truth for the demo account on each venue. */
export type SimInspection = Record<
  VenueId,
  {
    readonly orders: readonly SimOrderRow[];
    /** Signed position size per symbol, exact decimal; flat symbols are absent. */
    readonly positions: Readonly<Record<string, string>>;
    readonly funding: readonly { readonly symbol: string; readonly timeMs: number; readonly changeMicro: number }[];
  }
>;

/** `ping` answers at once: whether the core process still answers at all. */
export type CoreRequest = { readonly op: 'refreshFunding'; readonly symbol: string } | { readonly op: 'ping' };

export type ChildMessage =
  | { readonly kind: 'ready'; readonly [k: string]: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string }
  | { readonly kind: 'killed'; readonly pid: number; readonly where: string; readonly trap: SimTrap }
  | { readonly kind: 'reconciled'; readonly atMs: number }
  | { readonly kind: 'log'; readonly line: string };
