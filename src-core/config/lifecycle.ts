// Pair lifecycle settings (settings v5): how an open pair is closed (execution/close.ts). A normal
// close rests a reduce-only post-only order on both legs for a bounded time, confirms its cancel,
// then crosses the book with reduce-only IOCs up a slippage ladder; an emergency close (broken
// hedge, liquidation distance, delta bound, catastrophic flip) sends IOCs on both legs at once
// within its own deadline. Defaults are the upstream bot's (reference-upstream §3.4, §8) where it
// had one; the comment says where and why a default differs.
import { z } from 'zod';

const bps = () => z.number().min(0).max(1_000);

export const lifecycleSettingsSchema = z
  .object({
    autoExit: z.boolean().describe('close a pair when an exit rule fires and trade drifting legs back (off: the rules are shown and announced, the trader closes)'),
    closeMakerTimeoutMs: z.number().int().min(0).max(600_000).describe('how long the reduce-only maker order of a normal close rests before it is cancelled; 0 = cross at once'),
    closeSlippageStartBps: bps().describe('price limit of the first reduce-only close IOC beyond the touch'),
    closeSlippageStepBps: bps().describe('added to the close IOC limit on each further attempt'),
    closeSlippageCapBps: bps().describe('the close IOC limit never goes further from the touch than this'),
    closeIocMaxAttemptCount: z.number().int().min(1).max(20).describe('close IOCs per leg and round before the round counts as failed'),
    closeIocTimeoutMs: z.number().int().min(100).max(60_000).describe('how long a close IOC usually takes to report its end (a slower one is waited for, never re-sent)'),
    closeRetryMaxCount: z.number().int().min(0).max(20).describe('further rounds for a leg still open after a round (position re-read first) before the close is declared failed'),
    closeRetryPauseMs: z.number().int().min(0).max(60_000).describe('pause before a further round'),
    closeDeadlineMs: z.number().int().min(1_000).max(3_600_000).describe('end of a normal close, all rounds included'),
    emergencySlippageStartBps: bps().describe('price limit of the first IOC of an emergency close beyond the touch'),
    emergencyDeadlineMs: z.number().int().min(500).max(600_000).describe('end of an emergency close, all rounds included'),
    positionQueryTimeoutMs: z.number().int().min(100).max(60_000).describe('how long the venue position read before a close round may take (no answer = no send)'),
  })
  .strict();

export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export const lifecycleDefaults: LifecycleSettings = {
  // On, as upstream ran its exit rules: the emergencies (broken hedge, liquidation distance, delta
  // bound, catastrophic flip) protect the trader's money while nobody watches the screen.
  autoExit: true,
  // Upstream coordinated_close_maker_timeout_seconds = 6 (§8): long enough for a touch order to
  // meet the usual flow on liquid perps, short enough that a moving market costs little.
  closeMakerTimeoutMs: 6_000,
  // Upstream's X10 close ladder: x10_close_slippage 0.5 % × k (k = 1..3), capped at
  // x10_close_max_slippage 2 % (§3.4, §8). Its coordinated close used no slippage at all (§13
  // B13), which is why a remainder could stay open; the ladder is kept for both venues.
  closeSlippageStartBps: 50,
  closeSlippageStepBps: 50,
  closeSlippageCapBps: 200,
  // Upstream x10_close_attempts = 3 (§8).
  closeIocMaxAttemptCount: 3,
  // Upstream close_get_order_timeout_seconds = 2 (§8, hidden knob): an IOC ends in well under a
  // second on both venues; the figure only decides when a slow one is logged.
  closeIocTimeoutMs: 2_000,
  // Upstream retried a failed close every 5 s cycle without bound (§3.4 "retried next cycle"):
  // here 3 further rounds, then an alert and REDUCING, so a close that cannot finish is a
  // trader's decision, never a silent loop.
  closeRetryMaxCount: 3,
  // Upstream's cycle was 5 s; 1 s is enough for a book to refill and keeps the emergency fast.
  closeRetryPauseMs: 1_000,
  // Upstream's standard close had no total timeout (§13 B4). 2 min holds the maker time, every
  // ladder rung and the retries with room; past it the close is declared failed and alerted.
  closeDeadlineMs: 120_000,
  // Upstream taker_close_slippage = 1 % for its market closes (§8): an emergency crosses at once
  // with room to fill on a thin book; the ladder then steps to the cap like a normal close.
  emergencySlippageStartBps: 100,
  // Upstream early_tp_fast_close_total_timeout_seconds = 8 (YAML, §8), its only bounded fast
  // close; the emergency path had none and took a 50 s maker chase first (§13 B14).
  emergencyDeadlineMs: 8_000,
  // A position read is one REST call on either venue; 3 s is far above its usual latency and
  // short against the emergency deadline.
  positionQueryTimeoutMs: 3_000,
};
