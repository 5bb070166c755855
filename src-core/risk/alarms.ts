// Health alarms: what an automatic guard found, shown at the top of the Health screen. One alarm
// per (kind, venue, symbol): a repeat keeps its first `sinceMs` and updates the message and count,
// so a fault that recurs every hour stays one line that says how long it has lasted. A
// funding-unit alarm stays until restart (the trading-state log keeps why); a funding-drift one
// is cleared by the next consistent payment.
import type { AlarmKind, AlarmSeverity, VenueId } from '../domain/enums';

export type { AlarmKind, AlarmSeverity } from '../domain/enums';

export interface Alarm {
  readonly kind: AlarmKind;
  readonly severity: AlarmSeverity;
  readonly venue: VenueId;
  readonly symbol: string;
  readonly message: string;
  /** First raised (ms). */
  readonly sinceMs: number;
  /** Last raised (ms) and how often. */
  readonly lastMs: number;
  readonly count: number;
}

export interface RaiseAlarm {
  readonly kind: AlarmKind;
  readonly severity: AlarmSeverity;
  readonly venue: VenueId;
  readonly symbol: string;
  readonly message: string;
  readonly atMs: number;
}

export class AlarmBoard {
  private readonly alarms = new Map<string, Alarm>();

  /** Returns true when the alarm is new (not a repeat). */
  raise(a: RaiseAlarm): boolean {
    const key = `${a.kind}:${a.venue}:${a.symbol}`;
    const prev = this.alarms.get(key);
    this.alarms.set(key, { kind: a.kind, severity: a.severity, venue: a.venue, symbol: a.symbol, message: a.message, sinceMs: prev?.sinceMs ?? a.atMs, lastMs: a.atMs, count: (prev?.count ?? 0) + 1 });
    return prev === undefined;
  }

  clear(kind: AlarmKind, venue: VenueId, symbol: string): boolean {
    return this.alarms.delete(`${kind}:${venue}:${symbol}`);
  }

  /** Critical first, then the oldest first. */
  list(): Alarm[] {
    return [...this.alarms.values()].sort((x, y) => (x.severity !== y.severity ? (x.severity === 'critical' ? -1 : 1) : x.sinceMs - y.sinceMs));
  }
}
