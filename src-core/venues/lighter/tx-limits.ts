// Standard-tier per-transaction-type limits (venues.md §1.7 and §7.2, docs figures not
// re-verified): 40 tx per minute per type by default, UpdateLeverage 1 per minute. They apply on
// top of the weighted REST budget (common/rate-limit.ts). A tx over its type's budget is refused
// here, before signing, as 'rate-limited' (retryable): waiting a minute inside place() would hide
// the delay from a hedge that must decide now. Premium accounts have no per-type limits.
import { TX_TYPE } from './constants';

export const STANDARD_TX_PER_MINUTE_DEFAULT = 40;
export const STANDARD_TX_PER_MINUTE: Readonly<Record<number, number>> = { [TX_TYPE.updateLeverage]: 1 };
const WINDOW_MS = 60_000;

export class TxTypeLimiter {
  private readonly sent = new Map<number, number[]>();

  constructor(
    private readonly tier: 'standard' | 'premium',
    private readonly now: () => number,
  ) {}

  limitOf(txType: number): number {
    return this.tier === 'premium' ? Infinity : (STANDARD_TX_PER_MINUTE[txType] ?? STANDARD_TX_PER_MINUTE_DEFAULT);
  }

  /** Takes one slot for `txType`, or returns false when the minute's budget is spent. */
  tryTake(txType: number): boolean {
    const limit = this.limitOf(txType);
    if (limit === Infinity) return true;
    const t = this.now();
    const recent = (this.sent.get(txType) ?? []).filter((x) => x > t - WINDOW_MS);
    if (recent.length >= limit) {
      this.sent.set(txType, recent);
      return false;
    }
    recent.push(t);
    this.sent.set(txType, recent);
    return true;
  }

  /** Gives a slot back when the tx never left (signing failed, refused before sending). */
  release(txType: number): void {
    this.sent.get(txType)?.pop();
  }
}
