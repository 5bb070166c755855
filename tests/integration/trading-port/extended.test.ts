// The trading-port contract against the Extended adapter and the simulator's Extended face (on
// the SDK's wire path: q-only book deltas, funding rows without id). The Extended protocol
// regressions live in tests/integration/adapters/extended-regressions.test.ts.
import { afterEach, beforeEach, describe, it } from 'vitest';
import { extendedHarness, type ExtendedHarness } from './extended-harness';
import { scenarios } from './scenarios';

let h: ExtendedHarness;

beforeEach(async () => {
  h = await extendedHarness();
}, 30_000);

afterEach(async () => {
  await h?.close();
});

describe('trading port: Extended', () => {
  it('place: accepted as queued (REST ack before the book), then open', () => scenarios.place(h));
  it('cancel', () => scenarios.cancel(h));
  it('place waits for its intent to be durable before it sends; a failed sync sends nothing', () => scenarios.durableGate(h));
  it('symbol-scoped cancel-all leaves another market resting', () => scenarios.symbolCancelAllLeavesOtherMarket(h));
  it('readback found / not-found (with time) / failed (venue down throws)', () => scenarios.readbackFoundNotFoundFailed(h));
  it('partial fill: partially-filled then filled', () => scenarios.partialThenFilled(h));
  it('post-only that would cross ends post-only-would-cross', () => scenarios.postOnlyReject(h));
  it('reversible ids across an adapter restart', () => scenarios.reversibleIdsAcrossRestart(h));
  it('stream down / resubscribed on a forced disconnect', () => scenarios.streamDownAndResubscribed(h));
  it('exact fee and funding strings equal the simulator accounting', () => scenarios.exactFeesAndFunding(h));
  it('dead-man switch: kept while renewed, cancelled when it lapses', () => scenarios.deadManSwitch(h), 30_000);
});
