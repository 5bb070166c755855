// Maps items through an async function with at most `limit` calls in flight, results in input
// order. For readbacks that are independent of each other (one per id): run one after another
// they cost one round trip each, so at 20 ms RTT twenty of them took 400+ ms. The venue's rate
// limiter still paces every request; this only stops a caller from waiting on one before asking
// the next. The first rejection rejects the whole map (a failed read is never a partial answer).
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`mapBounded: limit must be a positive integer, got ${limit}`);
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
