// Pinning a funding rate in the embedded simulator and making the core read it now. Lighter
// pushes market_stats on its stream every second; Extended is polled one market at a time (each
// market once a minute in the product), so a test that waited for the poll would depend on the
// machine's speed. The core's own on-demand read (MarketDataService.refreshSymbolFunding, what an
// entry re-validates with) brings the pinned Extended rate in at once.
import type { Core } from '../../src-core/host/core';
import type { VenueId } from '../../src-core/domain/venue';

export type FundingPin = readonly [venue: VenueId, symbol: string, hourlyRate: number];

export async function pinFundingNow(core: Core, pins: readonly FundingPin[]): Promise<void> {
  const rt = core.runtime();
  if (rt === null || rt.sim === null) throw new Error('pinFundingNow needs a core running on the embedded simulator');
  for (const [venue, symbol, rate] of pins) rt.sim.engine.model.pinFunding(venue, symbol, rate);
  for (const symbol of new Set(pins.map((p) => p[1]))) await rt.market.refreshSymbolFunding(symbol);
}

/** Flips a venue's pinned sign and reads it at once, like pinFundingNow. */
export async function flipFundingNow(core: Core, venue: VenueId, symbol: string): Promise<void> {
  const rt = core.runtime();
  if (rt === null || rt.sim === null) throw new Error('flipFundingNow needs a core running on the embedded simulator');
  rt.sim.engine.model.flipFunding(venue, symbol);
  await rt.market.refreshSymbolFunding(symbol);
}

/** Turns the screener's spike protection off (the open-hours and z gates, the EV blend): for a
 *  test of the pipeline from a pinned rate to a passing row, where the pin is a spike no
 *  settlement has paid yet. tests/integration/market/spike-persistence.test.ts tests it on. */
export async function spikeProtectionOff(core: Core): Promise<void> {
  const r = await core.dispatcher.call('command', 'settings.update', { screener: { minSpreadOpenHours: 0, maxSpreadZSigma: null, evSpikeHalfLifeHours: null } });
  if (!r.ok) throw new Error(`spikeProtectionOff: ${r.error.message}`);
}
