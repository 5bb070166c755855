// Framing shared by both transports. A frame that does not parse gets a BAD_REQUEST reply with
// its id echoed when the id was readable, so a client can always match a reply to its call.
import { z } from 'zod';
import type { Result } from './envelope';

export const MAX_FRAME_BYTES = 256 * 1024;

export const requestFrameSchema = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    kind: z.enum(['query', 'command']),
    channel: z.string().min(1).max(128),
    payload: z.unknown(),
  })
  .strict();
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export interface ResponseFrame {
  readonly id: number | null;
  readonly result: Result<unknown>;
}

export interface EventFrame {
  readonly event: string;
  readonly payload: unknown;
}

export type ServerFrame = ResponseFrame | EventFrame;

/** Best-effort id extraction from an invalid frame. */
export function readableId(raw: unknown): number | null {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  }
  return null;
}
