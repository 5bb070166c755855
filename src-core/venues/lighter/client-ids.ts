// Lighter wants an integer client order index (1..2^48−1, unique per account); the core uses
// string ids derived from persisted intents. The mapping is a deterministic 48-bit hash, so a
// restart maps the same intent to the same index and can find every order it may have sent.
import { createHash } from 'node:crypto';

const MAX = 2 ** 48 - 1;

export function clientOrderIndexOf(clientOrderId: string): number {
  const h = createHash('sha256').update(clientOrderId).digest();
  const n = h.readUIntBE(0, 6) % MAX;
  return n === 0 ? 1 : n;
}
