// Samples the health snapshot once a second and sends it as `health.update` (the Health screen
// follows it; `health.snapshot` answers the same sample on demand).
import type { HealthSnapshot } from '../../api/channels/health';
import type { EventHub } from '../../api/events';
import type { Logger } from '../../telemetry/log';
import { realTicker, type Ticker } from '../screener-emitter';

export const HEALTH_SAMPLE_MS = 1_000;

export interface HealthLoopOptions {
  readonly sample: () => HealthSnapshot;
  readonly events: Pick<EventHub, 'emit'>;
  readonly log: Logger;
  readonly intervalMs?: number;
  readonly ticker?: Ticker;
}

export function startHealthLoop(o: HealthLoopOptions): { stop(): void } {
  const stop = (o.ticker ?? realTicker).every(o.intervalMs ?? HEALTH_SAMPLE_MS, () => {
    // A failed sample skips one update; thrown from a timer it would end the process.
    try {
      o.events.emit('health.update', o.sample());
    } catch (e) {
      o.log.error('health sample failed', { error: e instanceof Error ? e.message : String(e) });
    }
  });
  return { stop };
}
