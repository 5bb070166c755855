// Event hub: core modules emit, transports subscribe. Payloads are validated against the
// contract on emit, so a transport only ever forwards well-formed events.
import { contract, type EventName, type EventPayload } from './contract';
import type { Logger } from '../telemetry/log';

type Listener = (payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly any = new Set<(event: string, payload: unknown) => void>();

  constructor(private readonly log?: Pick<Logger, 'error'>) {}

  emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
    const schema = contract.events[event] as { safeParse(v: unknown): { success: boolean } };
    if (!schema.safeParse(payload).success) {
      this.log?.error('dropped an event with an invalid payload', { event });
      return;
    }
    this.deliver(event, payload);
  }

  /** An event already validated on emit by another hub (the core worker's: host/worker/proxy.ts
   *  relays them to main's subscribers), handed on as it is. */
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

  /** Every event, for transports that forward all of them. */
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
