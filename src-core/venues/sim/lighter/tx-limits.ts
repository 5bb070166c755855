// Standard-tier per-tx-type limits (venues.md §1.7, §7.2): 40 per minute per type by default,
// UpdateLeverage 1 per minute; answered like other rate limits (HTTP 429, code 23000).
const WINDOW_MS = 60_000;
const DEFAULT_PER_MINUTE = 40;
const PER_MINUTE: Readonly<Record<number, number>> = { 20: 1 };

export class TxTypeWindows {
  private readonly sent = new Map<string, number[]>();

  /** Charges one tx of `txType`; false when the account's minute budget for it is spent. */
  tryCharge(account: number, txType: number, nowMs: number): boolean {
    const key = `${account}:${txType}`;
    const recent = (this.sent.get(key) ?? []).filter((t) => t > nowMs - WINDOW_MS);
    const ok = recent.length < (PER_MINUTE[txType] ?? DEFAULT_PER_MINUTE);
    if (ok) recent.push(nowMs);
    this.sent.set(key, recent);
    return ok;
  }
}
