// The dead-man keeper: one per venue, fed by the order tracker's onOrder. While at least one maker
// order of ours may rest on the venue it keeps the venue's dead-man switch armed (the venue
// cancels every resting order when the countdown lapses: if this process dies or loses the
// network, nothing of ours rests unwatched for longer than the countdown), renewing it every
// third of the countdown; once none rests it clears the switch. Timers only through clock.after.
// A failed or ambiguous arm, renew or clear is logged and tried again on the next tick.
import type { Clock } from '../domain/clock';
import type { OrderStateName } from '../domain/enums';
import type { Logger } from '../telemetry/log';
import type { ActionOutcome, TradingPort } from '../venues/port';
import type { TrackedOrder } from './tracker-types';

/** States in which a maker order may be on the book. Beyond accepted and partially-filled:
 *  submitted (an unknown send may have landed), pending-cancel (a queued cancel is not applied
 *  yet) and lost (reconciliation has not ruled yet): arming too long costs a renewal, clearing
 *  too early leaves an order unwatched. */
export const MAY_REST_STATES: readonly OrderStateName[] = ['submitted', 'accepted', 'partially-filled', 'pending-cancel', 'lost'];

/** Only orders that can rest: GTT and post-only (an IOC never rests). */
export function mayRest(o: TrackedOrder): boolean {
  return (o.intent.tif === 'gtt' || o.intent.tif === 'post_only') && MAY_REST_STATES.includes(o.order.state);
}

/** The countdown the venue accepts closest to the configured one. */
export function boundedCountdownMs(configuredMs: number, bounds: { readonly minCountdownMs: number; readonly maxCountdownMs: number }): number {
  return Math.min(bounds.maxCountdownMs, Math.max(bounds.minCountdownMs, configuredMs));
}

export interface DeadManKeeperOptions {
  readonly port: TradingPort;
  readonly clock: Clock;
  /** settings trading.deadManCountdownMs (config/trading.ts), bounded by the venue's range. */
  readonly countdownMs: number;
  readonly log: Logger;
}

export interface DeadManStatus {
  readonly supported: boolean;
  readonly countdownMs: number | null;
  /** Orders of ours that may rest on the venue now. */
  readonly resting: number;
  /** True once an arm was accepted (or was ambiguous) and no clear was accepted since. */
  readonly mayBeArmed: boolean;
  readonly arms: number;
  readonly clears: number;
  readonly failures: number;
}

export class DeadManKeeper {
  private readonly resting = new Set<string>();
  private readonly countdownMs: number | null;
  private mayBeArmed = false;
  private timer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private arms = 0;
  private clears = 0;
  private failures = 0;

  constructor(private readonly o: DeadManKeeperOptions) {
    const bounds = o.port.capabilities.deadManSwitch;
    this.countdownMs = bounds === null ? null : boundedCountdownMs(o.countdownMs, bounds);
    if (bounds === null) o.log.info('venue has no dead-man switch: resting orders are not covered', { venue: o.port.venue });
    else if (this.countdownMs !== o.countdownMs) o.log.info('dead-man countdown bounded by the venue', { venue: o.port.venue, configuredMs: o.countdownMs, countdownMs: this.countdownMs });
  }

  /** Feed with every TrackedOrder change (tracker.onOrder); other venues' orders are ignored. */
  observe(order: TrackedOrder): void {
    if (this.stopped || this.countdownMs === null || order.intent.venue !== this.o.port.venue) return;
    const before = this.resting.size;
    if (mayRest(order)) this.resting.add(order.intent.clientOrderId);
    else this.resting.delete(order.intent.clientOrderId);
    // The first resting order arms at once; the last one gone clears at once.
    if ((before === 0) !== (this.resting.size === 0)) this.tick();
  }

  status(): DeadManStatus {
    return { supported: this.countdownMs !== null, countdownMs: this.countdownMs, resting: this.resting.size, mayBeArmed: this.mayBeArmed, arms: this.arms, clears: this.clears, failures: this.failures };
  }

  /** Resolves once no switch call is under way (tests step the clock between calls). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Stops renewing; the switch stays as it is (armed, it lapses: the venue's safety net). */
  stop(): void {
    this.stopped = true;
    this.timer?.();
    this.timer = null;
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.timer?.();
    this.timer = null;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.tick();
      }
    });
  }

  private async run(): Promise<void> {
    const countdownMs = this.countdownMs;
    if (countdownMs === null) return;
    const arm = this.resting.size > 0;
    if (!arm && !this.mayBeArmed) return;
    const outcome = await this.call(arm ? countdownMs : null);
    if (this.stopped) return;
    if (outcome.kind === 'accepted') {
      this.mayBeArmed = arm;
      if (arm) this.arms += 1;
      else this.clears += 1;
    } else {
      this.failures += 1;
      // An ambiguous arm may have armed it: it is cleared later rather than left to lapse.
      if (arm && outcome.kind === 'unknown') this.mayBeArmed = true;
      this.o.log.error(arm ? 'dead-man switch arm/renew failed: retrying on the next tick' : 'dead-man switch clear failed: retrying on the next tick', {
        venue: this.o.port.venue,
        outcome: outcome.kind,
        detail: outcome.kind === 'rejected' ? `${outcome.reason}: ${outcome.venueMessage}` : outcome.kind === 'unknown' ? outcome.cause : null,
      });
    }
    const failedClear = !arm && outcome.kind !== 'accepted';
    if (arm || failedClear) this.timer = this.o.clock.after(Math.floor(countdownMs / 3), () => this.tick());
  }

  private async call(countdownMs: number | null): Promise<ActionOutcome> {
    try {
      return await this.o.port.deadManSwitch(countdownMs);
    } catch (err) {
      return { kind: 'unknown', cause: err instanceof Error ? err.message : String(err), txHash: null };
    }
  }
}
