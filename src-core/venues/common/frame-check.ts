// Hand-written checks for the book frames, the main loop's hottest parse (docs/ARCHITECTURE.md
// "Responsiveness": the zod walk of every level of every frame was ~10 % of the core's CPU). Each
// check accepts only what the frame's zod schema accepts (the same regex, safe integers, enums);
// anything it does not accept goes to the schema, which keeps the last word and its errors.
export const DECIMAL_TEXT_RE = /^-?\d+(\.\d+)?$/;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** zod 4's z.number().int(): a safe integer. */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
export const isOptInt = (v: unknown): boolean => v === undefined || isInt(v);
export const isDecimalText = (v: unknown): v is string => typeof v === 'string' && DECIMAL_TEXT_RE.test(v);

/** Every element a record whose `keys` are decimal strings, and `optionalKey` absent or one too. */
export function levelsOk(v: unknown, keys: readonly string[], optionalKey?: string): boolean {
  if (!Array.isArray(v)) return false;
  for (const l of v) {
    if (!isRecord(l)) return false;
    for (const k of keys) if (!isDecimalText(l[k])) return false;
    if (optionalKey !== undefined && l[optionalKey] !== undefined && !isDecimalText(l[optionalKey])) return false;
  }
  return true;
}
