// The tracker's one send of an intent hands the port the intent's durability (TradingPort.place's
// `durable`, ledger-repo.ts recordIntentToSend): the intent is in the ledger, as submitted, when
// place is called, and what the port must wait for before it writes resolves once it is on disk.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOutcome, PlaceOrder } from '../../../src-core/venues/port';
import { ACCEPTED_LIVE, trackerBench, type TrackerBench } from './helpers/scripted-port';

let b: TrackerBench | null = null;
afterEach(() => {
  b?.close();
  b = null;
});

describe('order tracker: the intent is durable before the port writes the order', () => {
  it('place gets a durability promise for the intent it sends, which resolves', async () => {
    b = trackerBench();
    const x = b;
    const seen: { durable: Promise<void> | undefined; stateAtPlace: string | undefined }[] = [];
    x.ports.lighter.place = (o: PlaceOrder, durable?: Promise<void>): Promise<ActionOutcome> => {
      seen.push({ durable, stateAtPlace: x.ledger.orderState(x.ledger.intentByClientOrderId(o.clientOrderId)!.intentId)?.state });
      return Promise.resolve(ACCEPTED_LIVE);
    };
    const order = await x.tracker.submit(x.request());
    expect(order.order.state).toBe('accepted');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.stateAtPlace).toBe('submitted');
    expect(seen[0]!.durable).toBeInstanceOf(Promise);
    await expect(seen[0]!.durable).resolves.toBeUndefined();
  });
});
