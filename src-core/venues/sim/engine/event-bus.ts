// The engine's typed event registry: the venue faces subscribe to books, orders, fills,
// positions, balances, settlements and funding payments.
export class EventBus<E> {
  private readonly listeners = new Map<keyof E, Set<(e: never) => void>>();

  on<K extends keyof E>(event: K, cb: (e: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const s = set;
    s.add(cb as (e: never) => void);
    return () => {
      s.delete(cb as (e: never) => void);
    };
  }

  emit<K extends keyof E>(event: K, payload: E[K]): void {
    for (const cb of this.listeners.get(event) ?? []) (cb as (e: E[K]) => void)(payload);
  }
}
