// Free text a user or a peer can type (symbol lists, reasons). Control characters (Unicode Cc:
// C0 U+0000–U+001F, DEL, C1 U+0080–U+009F) and bidi formatting characters (Unicode Bidi_Control:
// U+061C, U+200E/F, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069) are
// refused: they can make a log line, a blacklist entry or a reason in the UI read differently from
// what is stored (a right-to-left override turns "ETH" into something that displays as another
// symbol). Refused, not stripped: bad input changes nothing.
import { z } from 'zod';

const UNSAFE = /[\p{Cc}\p{Bidi_Control}]/u;

export function hasUnsafeText(s: string): boolean {
  return UNSAFE.test(s);
}

export function plainText(minLength: number, maxLength: number) {
  return z
    .string()
    .min(minLength)
    .max(maxLength)
    .refine((s) => !hasUnsafeText(s), 'must not contain control or bidirectional-override characters');
}
