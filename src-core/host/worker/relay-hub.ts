// Main's side of the core's EventHub: the worker forwards every event it emits (already
// validated against the contract there, api/events.ts) and this hands each to main's
// subscribers with EventHub's own subscribe / subscribeAll shapes. A listener that throws is
// logged and the others still run, as in EventHub.
import type { EventName, EventPayload } from '../../api/contract';
import type { EventHub } from '../../api/events';
import type { Logger } from '../../telemetry/log';

type Listener = (payload: unknown) => void;

export class RelayHub implements Pick<EventHub, 'subscribe' | 'subscribeAll'> {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly any = new Set<(event: string, payload: unknown) => void>();

  constructor(private readonly log?: Pick<Logger, 'error'>) {}

  deliver(event: string, payload: unknown): void {
    for (const cb of this.listeners.get(event) ?? []) this.safe(() => cb(payload));
    for (const cb of this.any) this.safe(() => cb(event, payload));
  }

  subscribe<N extends EventName>(event: N, cb: (payload: EventPayload<N>) => void): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const l = cb as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  subscribeAll(cb: (event: string, payload: unknown) => void): () => void {
    this.any.add(cb);
    return () => this.any.delete(cb);
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log?.error('event listener failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}
