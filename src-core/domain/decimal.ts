// Exact decimal arithmetic for anything sent to a venue. Prices and sizes cross the venue boundary
// as decimal strings or scaled integers; a float-rounded number (0.1 + 0.2) must never reach a
// venue. Values are held as scaled bigints: `units / 10^scale`.

export class DecimalError extends Error {
  override readonly name = 'DecimalError';
}

export interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

/** The plain decimal format every money string uses (no exponent, no spaces); the contract's
 *  schemas check payloads against this same pattern. */
export const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string ("-12.3400", "5") exactly. Exponent notation is rejected. */
export function parseDecimal(text: string): Scaled {
  const m = DECIMAL_RE.exec(text.trim());
  if (m === null) throw new DecimalError(`not a decimal: ${JSON.stringify(text)}`);
  const frac = m[3] ?? '';
  const units = BigInt((m[2] ?? '0') + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** Converts a finite JS number to its shortest exact decimal string (no exponent). */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new DecimalError(`not finite: ${value}`);
  const s = String(value);
  if (!/e/i.test(s)) return s;
  // Exponent form: expand without losing the digits JS chose as shortest round-trip.
  const [mant = '', expText = '0'] = s.toLowerCase().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const [ip = '', fp = ''] = mant.replace('-', '').split('.');
  const digits = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

export function toDecimal(value: string | number): Scaled {
  return parseDecimal(typeof value === 'number' ? numberToDecimal(value) : value);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Re-expresses `d` at `scale` decimals; throws if that would lose digits. */
export function rescaleExact(d: Scaled, scale: number): bigint {
  if (scale >= d.scale) return d.units * pow10(scale - d.scale);
  const div = pow10(d.scale - scale);
  if (d.units % div !== 0n) throw new DecimalError(`cannot express ${formatScaled(d.units, d.scale)} at ${scale} decimals exactly`);
  return d.units / div;
}

export type RoundMode = 'floor' | 'ceil' | 'half-up' | 'exact';

/** Integer division of a by b (b > 0) with the given rounding, correct for negative a. */
export function divRound(a: bigint, b: bigint, mode: RoundMode): bigint {
  if (b <= 0n) throw new DecimalError('divisor must be positive');
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  switch (mode) {
    case 'exact':
      throw new DecimalError('value is not a whole multiple');
    case 'floor':
      return a < 0n ? q - 1n : q;
    case 'ceil':
      return a < 0n ? q : q + 1n;
    case 'half-up': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice >= b) return a < 0n ? q - 1n : q + 1n;
      return q;
    }
  }
}

/** How many whole increments (ticks or steps) `value` is, rounded as asked. Works for any
 *  increment, including non-powers of ten such as Extended's size step of 100. */
export function toIncrements(value: string | number, increment: string, mode: RoundMode): bigint {
  const v = toDecimal(value);
  const inc = parseDecimal(increment);
  if (inc.units <= 0n) throw new DecimalError(`increment must be positive: ${increment}`);
  const scale = Math.max(v.scale, inc.scale);
  return divRound(rescaleExact(v, scale), rescaleExact(inc, scale), mode);
}

/** `count` increments as a decimal string with the increment's own number of decimals. */
export function fromIncrements(count: bigint, increment: string): string {
  const inc = parseDecimal(increment);
  return formatScaled(count * inc.units, inc.scale);
}

/** Rounds `value` to a multiple of `increment` and returns the exact decimal string. */
export function roundToIncrement(value: string | number, increment: string, mode: RoundMode): string {
  return fromIncrements(toIncrements(value, increment, mode), increment);
}

export function formatScaled(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const out = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return neg ? `-${out}` : out;
}

/** Number of decimals in a plain decimal string ("0.0100" -> 4). */
export function decimalsOf(text: string): number {
  return parseDecimal(text).scale;
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescaleExact(x, scale) - rescaleExact(y, scale);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** a × 10^decimals as an exact integer (Lighter's wire price/size integers). */
export function toScaledInt(value: string, decimals: number, mode: RoundMode = 'exact'): bigint {
  const d = parseDecimal(value);
  if (decimals >= d.scale) return d.units * pow10(decimals - d.scale);
  return divRound(d.units, pow10(d.scale - decimals), mode);
}

// ---- exact arithmetic on decimal strings (ledger money: fills, fees, funding, PnL) ---------------
// Results keep every digit: a sum or difference carries the larger scale of its operands, a
// product the sum of their scales. Nothing here goes through a float. Trailing zeros are kept
// (so "0.10" + "0.20" is "0.30"): compare with compareDecimal, not with string equality, unless
// both sides went through normalizeDecimal.

function aligned(a: string, b: string): { x: bigint; y: bigint; scale: number } {
  const p = parseDecimal(a);
  const q = parseDecimal(b);
  const scale = Math.max(p.scale, q.scale);
  return { x: rescaleExact(p, scale), y: rescaleExact(q, scale), scale };
}

export function addDecimal(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return formatScaled(x + y, scale);
}

export function subDecimal(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return formatScaled(x - y, scale);
}

export function mulDecimal(a: string, b: string): string {
  const p = parseDecimal(a);
  const q = parseDecimal(b);
  return formatScaled(p.units * q.units, p.scale + q.scale);
}

export function negDecimal(a: string): string {
  const p = parseDecimal(a);
  return formatScaled(-p.units, p.scale);
}

export function absDecimal(a: string): string {
  const p = parseDecimal(a);
  return formatScaled(p.units < 0n ? -p.units : p.units, p.scale);
}

export function signDecimal(a: string): -1 | 0 | 1 {
  const u = parseDecimal(a).units;
  return u === 0n ? 0 : u < 0n ? -1 : 1;
}

/** Exact sum of any number of decimal strings ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  let acc = '0';
  for (const v of values) acc = addDecimal(acc, v);
  return acc;
}

/** a / b at `scale` decimals, rounded as asked (the only inexact operation, so the caller says
 *  where the digits stop). b must not be zero. */
export function divDecimal(a: string, b: string, scale: number, mode: RoundMode): string {
  if (!Number.isInteger(scale) || scale < 0) throw new DecimalError(`scale must be a non-negative integer, got ${scale}`);
  const p = parseDecimal(a);
  const q = parseDecimal(b);
  if (q.units === 0n) throw new DecimalError('division by zero');
  // a/b = (pu / 10^ps) / (qu / 10^qs); at `scale`: pu * 10^(scale + qs - ps) / qu.
  const shift = scale + q.scale - p.scale;
  let num = p.units;
  let den = q.units;
  if (shift >= 0) num *= pow10(shift);
  else den *= pow10(-shift);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return formatScaled(divRound(num, den, mode), scale);
}

/** Canonical text: no trailing fractional zeros, no "-0" ("1.2300" -> "1.23", "-0.0" -> "0"). */
export function normalizeDecimal(a: string): string {
  const p = parseDecimal(a);
  let units = p.units;
  let scale = p.scale;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return formatScaled(units, units === 0n ? 0 : scale);
}
