// The signer's refusal type and its one range check, shared by the tx builders and the
// attribute rules.
export class TxValidationError extends Error {
  override readonly name = 'TxValidationError';
}

/** Throws unless v is a safe integer in min..max. */
export function uint(name: string, v: number, max: number, min = 0): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new TxValidationError(`${name} must be an integer in ${min}..${max}, got ${v}`);
}
