// The Extended book frame's fast check (common/frame-check.ts): accepts only what `bookMessage`
// accepts; the caller sends anything else through the schema.
import { isInt, isRecord, levelsOk } from '../../common/frame-check';
import type { BookMessage } from './schemas';

export function isBookFrame(raw: unknown): raw is BookMessage {
  if (!isRecord(raw) || (raw.type !== 'SNAPSHOT' && raw.type !== 'DELTA') || !isInt(raw.ts) || !isInt(raw.seq)) return false;
  const d = raw.data;
  return isRecord(d) && typeof d.m === 'string' && levelsOk(d.b, ['p', 'q'], 'c') && levelsOk(d.a, ['p', 'q'], 'c');
}
