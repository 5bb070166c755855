// Exact decimal strings (ledger money, venue sizes) read as floats for the rules' arithmetic, every
// second for every pair. Number() costs ~100 ns a string on V8, a third of the evaluation's
// budget; this reads the digits into an integer (exact below 2^53) and divides once by an exact
// power of ten, so the result is the correctly rounded value, the same double Number() returns.
// Anything else (more than 15 digits, exponents, signs other than a leading '-', junk) goes to
// Number() itself, so the two never differ.
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function decimalToNumber(text: string): number {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && scale < 0) {
      scale = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || digits === 15) return Number(text);
    mantissa = mantissa * 10 + d;
    digits += 1;
    if (scale >= 0) scale += 1;
  }
  // "", "-", ".", "1.", ".5": leave the edge cases to Number() (its answers: 0, NaN, NaN, 1, 0.5).
  if (digits === 0 || scale === 0) return Number(text);
  const value = scale > 0 ? mantissa / POW10[scale]! : mantissa;
  return negative ? -value : value;
}
