// What an engine is built with, and the engine-level fault flags (network-level faults live in
// faults/).
import type { VenueId } from '../../../domain/venue';
import type { SimClock } from './clock';

export interface SimEngineOptions {
  readonly clock: SimClock;
  readonly seed?: number;
  /** Funding settlement interval (both venues settle hourly). */
  readonly fundingIntervalMs?: number;
  /** Model and book update cadence. */
  readonly stepMs?: number;
  /** Multiplies funding cash (not the published rate): the payment-unit fault in faults/. */
  readonly fundingPaymentScale?: (venue: VenueId) => number;
  /** Markets added beyond the real snapshot on both venues (universe.ts syntheticSymbols). */
  readonly syntheticMarketCount?: number;
}

export interface EngineFaultFlags {
  /** Next N post-only orders per venue are cancelled as would-cross even when they would not. */
  forcePostOnlyReject: Record<VenueId, number>;
  /** Next N taker orders per venue fill at most this fraction, the rest cancelled. */
  forcePartialFraction: Record<VenueId, number | null>;
  /** Next N cancels per venue report the order canceled but fill it first (a ghost fill). */
  ghostFillOnCancel: Record<VenueId, number>;
}

