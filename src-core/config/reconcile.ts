// Reconciliation settings: how a size mismatch is judged, and which destructive fixes the trader
// lets reconciliation apply without asking. Safe fixes (recording a fill or a funding payment,
// resolving an in-flight order, marking an order lost) need no setting: they only make the ledger
// say what the venue already proves. Everything that acts on a venue, or closes a pair in the
// ledger, waits for the trader unless its opt-in below is on (docs/ARCHITECTURE.md, "Safety rules").
//
// When it runs (host/trading/reconcile-loop.ts): at startup, every periodicIntervalMs, after every
// private-stream resubscribe, and on the trader's command; while a run cannot complete it retries
// every retryIntervalMs.
import { z } from 'zod';
import { plainText } from './text';

export const reconcileSettingsSchema = z
  .object({
    // Upstream compared quantities with `> 5` in coins (reference-upstream §13 B16): never for
    // BTC/ETH, always for dust of cheap coins. A mismatch here counts only when it is both
    // tradable (whole venue steps) and material (USD at the mark).
    sizeMismatchMinSteps: z.number().int().min(1).max(1_000_000).describe('whole venue steps of difference from which a position size mismatch counts'),
    sizeMismatchToleranceUsd: z.number().min(0).max(1_000_000).describe('a size mismatch worth at most this at the mark is tolerated'),
    autoCloseNakedLegs: z.boolean().describe("close, without asking, a pair's leg whose other leg never filled (a crash between legs)"),
    autoCloseForeignPositions: z.boolean().describe('close, without asking, a venue position that none of our orders built'),
    autoCancelForeignOrders: z.boolean().describe('cancel, without asking, an open order whose client id is not ours'),
    autoCancelStaleOwnOrders: z.boolean().describe('cancel, without asking, an open order of ours that the ledger holds as done'),
    autoCloseZombiePairs: z.boolean().describe('mark closed in the ledger, without asking, a pair both venues show flat (its PnL and fees are kept)'),
    // A "don't close" that no opt-in overrides (upstream B17: a failed auto-import fell through
    // to closing with auto-close off): a trader's own holdings on the same accounts.
    periodicIntervalMs: z.number().int().min(10_000).max(86_400_000).describe('how often a full reconciliation of both venues runs (ms)'),
    retryIntervalMs: z.number().int().min(1_000).max(600_000).describe('while a reconciliation could not complete (a venue query failed), how soon it is tried again (ms)'),
    protectedSymbols: z.array(plainText(1, 20)).max(500).describe('markets where reconciliation never closes or cancels anything without asking'),
  })
  .strict();

export type ReconcileSettings = z.infer<typeof reconcileSettingsSchema>;

export const reconcileDefaults: ReconcileSettings = {
  sizeMismatchMinSteps: 1,
  // Below a typical taker fee on a default pair (350 USD × 0.028 % ≈ 0.1 USD per side, Lighter
  // premium fees, reference-upstream §13 B24) a correcting trade costs about what it fixes.
  sizeMismatchToleranceUsd: 1,
  autoCloseNakedLegs: false,
  autoCloseForeignPositions: false,
  autoCancelForeignOrders: false,
  autoCancelStaleOwnOrders: false,
  autoCloseZombiePairs: false,
  // Every 5 minutes: a missed fill or payment shows up within one funding hour's twelfth, and
  // each run costs one read of each query per venue (well under both venues' rate limits).
  periodicIntervalMs: 300_000,
  // The startup readback's retry before this loop existed (host/trading/compose.ts, 5 s).
  retryIntervalMs: 5_000,
  protectedSymbols: [],
};
