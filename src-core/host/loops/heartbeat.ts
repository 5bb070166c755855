// `app.heartbeat` at the settings' interval: the transports and the UI tell a live core from a
// silent one by it (seq counts up from 1, uptime from the core's start).
import type { EventHub } from '../../api/events';
import { realTicker, type Ticker } from '../screener-emitter';

export interface HeartbeatOptions {
  readonly events: Pick<EventHub, 'emit'>;
  readonly intervalMs: number;
  readonly startedAtMs: number;
  readonly now: () => number;
  readonly ticker?: Ticker;
}

export function startHeartbeat(o: HeartbeatOptions): { stop(): void } {
  let seq = 0;
  const stop = (o.ticker ?? realTicker).every(o.intervalMs, () => {
    seq += 1;
    const t = o.now();
    o.events.emit('app.heartbeat', { seq, nowMs: t, uptimeMs: t - o.startedAtMs });
  });
  return { stop };
}
