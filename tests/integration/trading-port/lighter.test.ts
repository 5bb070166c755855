// The trading-port contract against the Lighter adapter and the simulator's Lighter face, plus
// the regression tests for the Lighter protocol defects (each named after its defect).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lighterHarness, type LighterHarness } from './lighter-harness';
import { scenarios } from './scenarios';

let h: LighterHarness;

beforeEach(async () => {
  h = await lighterHarness();
}, 30_000);

afterEach(async () => {
  await h?.close();
});

describe('trading port: Lighter', () => {
  it('place: accepted as queued with the signed tx hash, then open', async () => {
    await scenarios.place(h);
  });
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

void expect;
