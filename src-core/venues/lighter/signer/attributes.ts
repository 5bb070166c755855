// L2TxAttributes: the optional attribute map lighter-go HEAD (17f2d60) embeds in every tx
// (types/txtypes/tx_attributes.go, types/tx_request.go ConstructL2TxAttributes). Facts used here:
//
// - The map is key → integer value, keys 1..7 (constants.ts TX_ATTRIBUTE), at most 4 entries
//   (NbAttributesPerTx), each value inside its key's range (tx_attributes.go Validate, 124-166).
// - An entry whose value is its key's nil value counts as absent. If every entry is nil (or the
//   map is empty) the tx hash is the plain field hash, unchanged (IsEmpty / AggregateTxHash,
//   168-175 and 206-209): that is why signers that know nothing of attributes stay valid.
// - Otherwise (Hash, 177-204): take the non-nil keys in ascending order, pad the list with key 0
//   to 4 slots, and hash the 8 field elements [k1, v1, k2, v2, k3, v3, k4, v4] (a padded slot is
//   (0, 0)) with the same Poseidon2 HashToQuinticExtension as the tx fields. The signed hash is
//   then HashToQuinticExtension over the 10 elements [txHash0..4, attrHash0..4] (210-219).
// - JSON: Go's encoding/json writes the embedded map under its type name "L2TxAttributes", after
//   "Sig" (it is the struct's last field; SignedHash is `json:"-"`), with keys as decimal strings
//   in sorted order: `"L2TxAttributes":{"5":3}`. A nil map is written `"L2TxAttributes":null`.
import { ATTRIBUTE_SPEC, CANCEL_ALL_TIF, MAX_ATTRIBUTES_PER_TX, SELF_TRADE_BEHAVIOR, SELF_TRADE_EQUALITY, TX_ATTRIBUTE } from '../constants';
import { setSafeInt } from '../crypto/goldilocks';
import { hashToQuintic } from '../crypto/poseidon2';
import { TxValidationError } from './validation';

/** Attribute key → value, as the tx_info JSON carries it. */
export type TxAttributes = Readonly<Partial<Record<number, number>>>;

function entries(a: TxAttributes): [number, number][] {
  return Object.keys(a).map((k) => [Number(k), a[Number(k)]!]);
}

const isNil = (a: TxAttributes, key: number): boolean => a[key] === undefined || a[key] === ATTRIBUTE_SPEC[key]!.nil;

/** lighter-go's rules (Validate), plus the cancel-all one (cancel_all_orders.go 66-69) when `cancelAllTif` is given. */
export function validateAttributes(a: TxAttributes, cancelAllTif?: number): void {
  const list = entries(a);
  if (list.length === 0) return;
  if (list.length > MAX_ATTRIBUTES_PER_TX) throw new TxValidationError(`too many attributes: at most ${MAX_ATTRIBUTES_PER_TX}`);
  for (const [key, value] of list) {
    const spec = Number.isInteger(key) ? ATTRIBUTE_SPEC[key] : undefined;
    if (spec === undefined) throw new TxValidationError(`attribute type ${key} is invalid`);
    if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) throw new TxValidationError(`attribute ${key} must be an integer in ${spec.min}..${spec.max}, got ${value}`);
  }
  const hasFees = !isNil(a, TX_ATTRIBUTE.integratorTakerFee) || !isNil(a, TX_ATTRIBUTE.integratorMakerFee);
  if (hasFees && isNil(a, TX_ATTRIBUTE.integratorAccountIndex)) throw new TxValidationError('integrator fees need an integrator account index');
  const hasSelfTrade = !isNil(a, TX_ATTRIBUTE.selfTradeBehaviorMode) || !isNil(a, TX_ATTRIBUTE.selfTradeEqualityMode);
  if (hasSelfTrade && hasFees) throw new TxValidationError('self-trade modes are not allowed with integrator fees');
  if (a[TX_ATTRIBUTE.selfTradeBehaviorMode] === SELF_TRADE_BEHAVIOR.reduce && a[TX_ATTRIBUTE.selfTradeEqualityMode] === SELF_TRADE_EQUALITY.masterAccountIndex) {
    throw new TxValidationError('self-trade reduce mode is not allowed with master-account equality');
  }
  if (cancelAllTif !== undefined && cancelAllTif !== CANCEL_ALL_TIF.immediate && !isNil(a, TX_ATTRIBUTE.cancelAllMarketIndex)) {
    throw new TxValidationError('a cancel-all scoped to one market must be immediate');
  }
}

/** True when the attributes leave the hash unchanged (no entry, or every entry at its nil value). */
export function attributesAreEmpty(a: TxAttributes | undefined): boolean {
  return a === undefined || entries(a).every(([k]) => isNil(a, k));
}

/** The 8-element attribute hash (call only on validated, non-empty attributes). */
export function attributesHash(a: TxAttributes): Float64Array {
  const keys = entries(a)
    .filter(([k]) => !isNil(a, k))
    .map(([k]) => k)
    .sort((x, y) => x - y);
  const elements = new Float64Array(4 * MAX_ATTRIBUTES_PER_TX); // padding slots stay (0, 0)
  keys.forEach((k, i) => {
    setSafeInt(elements, 4 * i, k);
    setSafeInt(elements, 4 * i + 2, a[k]!);
  });
  const out = new Float64Array(10);
  hashToQuintic(elements, 2 * MAX_ATTRIBUTES_PER_TX, out, 0);
  return out;
}

/** The signed hash: the field hash itself when the attributes are empty, else H(fieldHash ‖ attributesHash). */
export function aggregateHash(fieldHash: Float64Array, a: TxAttributes | undefined): Float64Array {
  if (a === undefined || attributesAreEmpty(a)) return fieldHash;
  const elements = new Float64Array(20);
  elements.set(fieldHash, 0);
  elements.set(attributesHash(a), 10);
  const out = new Float64Array(10);
  hashToQuintic(elements, 10, out, 0);
  return out;
}

/** `{"5":3}`: decimal-string keys in ascending order, as Go writes a map[uint8]int. */
export function attributesJson(a: TxAttributes): string {
  return `{${entries(a)
    .sort((x, y) => x[0] - y[0])
    .map(([k, v]) => `"${k}":${v}`)
    .join(',')}}`;
}
