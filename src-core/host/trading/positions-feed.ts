// The one positions.update source: the overview is computed at most every POSITIONS_TICK_MS and
// sent only when something in it changed (the clock's own advance — computedAtMs, hours held —
// is not a change), so an idle book costs the transport nothing. positions.overview answers from
// the same computation.
import type { EventHub } from '../../api/events';
import type { PositionsOverview } from '../../api/channels/positions';
import type { Logger } from '../../telemetry/log';
import { realTicker, type Ticker } from '../screener-emitter';

/** At most two updates a second: a trader reads a number, not a blur. */
export const POSITIONS_TICK_MS = 500;

export interface PositionsFeed {
  overview(): PositionsOverview;
  /** One check (the ticker calls it; tests may too): emits when the overview changed. */
  tick(): void;
  stop(): void;
}

/** What identifies an overview's content: everything but the instant it was computed at. */
export function overviewFingerprint(o: PositionsOverview): string {
  return JSON.stringify({ ...o, computedAtMs: 0, rows: o.rows.map((r) => ({ ...r, hoursHeld: null })) });
}

export function startPositionsFeed(o: { compute: () => PositionsOverview; events: EventHub; log: Logger; ticker?: Ticker }): PositionsFeed {
  let last: string | null = null;
  const tick = (): void => {
    try {
      const ov = o.compute();
      const fp = overviewFingerprint(ov);
      if (fp === last) return;
      last = fp;
      o.events.emit('positions.update', ov);
    } catch (err) {
      o.log.error('positions overview failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const stop = (o.ticker ?? realTicker).every(POSITIONS_TICK_MS, tick);
  return { overview: o.compute, tick, stop };
}
