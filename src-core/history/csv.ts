// CSV text per RFC 4180 (comma separated, CRLF line ends, a field with a comma, a quote or a line
// break inside double quotes with its quotes doubled), with the OWASP guard against CSV (formula)
// injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which
// some strip before looking) as a formula, so such a cell gets a leading single quote
// (owasp.org/www-community/attacks/CSV_Injection). A number is left as it is: "-12.5" is a value,
// not a formula, and a tax tool must read it as a negative amount.
import { DECIMAL_RE } from '../domain/decimal';

export const CSV_LINE_END = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as CSV text; null (not applicable) is the empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const guarded = !DECIMAL_RE.test(value) && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvLine(fields: readonly (string | null)[]): string {
  return fields.map(csvField).join(',') + CSV_LINE_END;
}
