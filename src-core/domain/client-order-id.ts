// Client order ids: one reversible 48-bit number per order intent, rendered as a decimal string
// and used verbatim on both venues: Lighter's `client_order_index` (an integer 1..2^48−1, unique
// per account; lighter-go types/txtypes/create_order.go bounds it by MaxClientOrderIndex = 2^48−1)
// and Extended's `externalId` (a free string). Because the id *encodes* its intent, every order
// and fill maps back to (pair, leg, purpose, attempt) after a restart without any in-memory
// table, and an id that does not decode under this database's epoch is not ours.
//
// Layout, most significant first (48 bits, exact in a double):
//   epoch 12 bits   random per database (1..4095; never 0, so an id is never 0)
//   pair  24 bits   the pair's sequence number in this database (0..16,777,215)
//   leg    1 bit    0 = the pair's first (maker) leg, 1 = the second (hedge) leg
//   purpose 3 bits  entry / hedge / exit / rollback / rebalance
//   attempt 8 bits  0..255: each re-send of an intent is a new attempt, hence a new id
// Bitwise operators are 32-bit in JavaScript, so the packing is plain integer arithmetic.

export const ORDER_PURPOSES = ['entry', 'hedge', 'exit', 'rollback', 'rebalance'] as const;
export type OrderPurpose = (typeof ORDER_PURPOSES)[number];

export interface ClientOrderIdParts {
  readonly epoch: number;
  readonly pairSeq: number;
  readonly leg: 0 | 1;
  readonly purpose: OrderPurpose;
  readonly attempt: number;
}

export const EPOCH_MAX = 4_095;
export const PAIR_SEQ_MAX = 2 ** 24 - 1;
export const ATTEMPT_MAX = 255;

const W_ATTEMPT = 1;
const W_PURPOSE = 2 ** 8;
const W_LEG = 2 ** 11;
const W_PAIR = 2 ** 12;
const W_EPOCH = 2 ** 36;

export class ClientOrderIdError extends Error {
  override readonly name = 'ClientOrderIdError';
}

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new ClientOrderIdError(`${name} must be an integer in ${min}..${max}, got ${v}`);
}

export function encodeClientOrderId(p: ClientOrderIdParts): string {
  checkInt('epoch', p.epoch, 1, EPOCH_MAX);
  checkInt('pairSeq', p.pairSeq, 0, PAIR_SEQ_MAX);
  checkInt('attempt', p.attempt, 0, ATTEMPT_MAX);
  const purpose = ORDER_PURPOSES.indexOf(p.purpose);
  if (purpose < 0) throw new ClientOrderIdError(`unknown purpose ${String(p.purpose)}`);
  if (p.leg !== 0 && p.leg !== 1) throw new ClientOrderIdError(`leg must be 0 or 1, got ${String(p.leg)}`);
  return String(p.epoch * W_EPOCH + p.pairSeq * W_PAIR + p.leg * W_LEG + purpose * W_PURPOSE + p.attempt * W_ATTEMPT);
}

/** The 48-bit integer of a canonical decimal id, or null for anything else ("007", "1e3", a UUID). */
export function clientOrderIndex(id: string): number | null {
  if (!/^[1-9]\d{0,14}$/.test(id)) return null;
  const n = Number(id);
  return n <= 2 ** 48 - 1 ? n : null;
}

/** Decodes an id; null when it is not one of ours under `epoch` (foreign tool, manual order). */
export function decodeClientOrderId(id: string, epoch: number): ClientOrderIdParts | null {
  const n = clientOrderIndex(id);
  if (n === null) return null;
  const e = Math.floor(n / W_EPOCH);
  if (e !== epoch) return null;
  let rest = n - e * W_EPOCH;
  const pairSeq = Math.floor(rest / W_PAIR);
  rest -= pairSeq * W_PAIR;
  const leg = Math.floor(rest / W_LEG);
  rest -= leg * W_LEG;
  const purposeIndex = Math.floor(rest / W_PURPOSE);
  const attempt = rest - purposeIndex * W_PURPOSE;
  const purpose = ORDER_PURPOSES[purposeIndex];
  if (purpose === undefined) return null;
  return { epoch: e, pairSeq, leg: leg === 0 ? 0 : 1, purpose, attempt };
}

/** A fresh random epoch for a new database (1..4095), from a uniform [0, 1) source the caller
 *  supplies (domain code holds no randomness of its own). */
export function randomEpoch(random: () => number): number {
  return 1 + Math.floor(random() * EPOCH_MAX);
}
