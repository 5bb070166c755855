// Exact money from Extended's decimal strings (venues.md §2.1: decimals are strings): validated,
// put in canonical form and signed without ever becoming a float.
import { formatScaled, parseDecimal } from '../../../domain/decimal';

/** Canonical text of an exact decimal string: no "+", no sign on zero, scale kept ("1.50"). */
export function exact(text: string): string {
  const d = parseDecimal(text);
  return formatScaled(d.units, d.scale);
}

export function negate(text: string): string {
  const d = parseDecimal(text);
  return formatScaled(-d.units, d.scale);
}

/** A rate string in plain decimal notation (never exponent form), for signing. */
export function plainRate(text: string): string {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`fee rate must be a plain non-negative decimal, got ${JSON.stringify(text)}`);
  return exact(text);
}
