// The Lighter order-book frame's fast check (common/frame-check.ts): accepts only what
// `orderBookMessage` accepts; the caller sends anything else through the schema.
import { isInt, isOptInt, isRecord, levelsOk } from '../../common/frame-check';
import type { OrderBookMessage } from './schemas';

const CHANNEL_RE = /^order_book:\d+$/;

export function isOrderBookFrame(raw: unknown): raw is OrderBookMessage {
  if (!isRecord(raw) || (raw.type !== 'subscribed/order_book' && raw.type !== 'update/order_book')) return false;
  if (typeof raw.channel !== 'string' || !CHANNEL_RE.test(raw.channel) || !isInt(raw.offset) || !isOptInt(raw.timestamp)) return false;
  const ob = raw.order_book;
  return isRecord(ob) && isInt(ob.nonce) && isInt(ob.begin_nonce) && isOptInt(ob.offset) && isOptInt(ob.last_updated_at) && levelsOk(ob.asks, ['price', 'size']) && levelsOk(ob.bids, ['price', 'size']);
}
