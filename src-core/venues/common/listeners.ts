// A listener set for adapter events. One listener that throws must not stop the others or
// unwind into a socket's message handler (which would drop the rest of the frame): errors are
// handed to `onError` (counted by the adapter) instead.
export class Listeners<T> {
  private readonly set = new Set<(v: T) => void>();

  constructor(private readonly onError: (e: unknown) => void = () => undefined) {}

  add(cb: (v: T) => void): () => void {
    this.set.add(cb);
    return () => {
      this.set.delete(cb);
    };
  }

  emit(v: T): void {
    for (const cb of this.set) {
      try {
        cb(v);
      } catch (e) {
        this.onError(e);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
