// host/venue-down-start.ts over the real trading-state control (SQLite in a temp dir), for a
// state that is already REDUCING when the venue is found unreachable (live mode starts so; or the
// trader paused before the restart): the state stays REDUCING but its reason names the venue, so
// the user sees why; once the venues are back and reconciled it still stays REDUCING, saying the
// venues are back and what kept it REDUCING before. HALTED keeps its own reason. The
// simulator-backed ACTIVE path is tests/integration/host/venue-down-start.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import { createTradingStateControl } from '../../../src-core/host/trading-state-control';
import { startWithVenueDown, VENUE_BACK_REASON } from '../../../src-core/host/venue-down-start';
import { VenueUnreachableError } from '../../../src-core/host/venue-retry';
import type { VenueRuntime } from '../../../src-core/host/runtime';
import type { TradingCore } from '../../../src-core/host/trading/compose';
import type { TradingState } from '../../../src-core/domain/enums';
import { openStore } from '../../../src-core/store/db';
import { TradingStateRepo } from '../../../src-core/store/trading-state-repo';
import { silentLogger } from '../../../src-core/telemetry/log';
import { HandDeadlines } from '../../helpers/hand-deadlines';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function control(state: TradingState, reason: string) {
  const t = tempDir('fundingbot-venue-down-');
  const db = openStore({ dataDir: t.dir, mode: 'sim' });
  cleanups.push(t.cleanup, () => db.close());
  const repo = new TradingStateRepo(db);
  return createTradingStateControl(repo, repo.load({ state, reason, changedAtMs: 0 }), new EventHub(silentLogger), silentLogger);
}

function start(ts: ReturnType<typeof control>) {
  const clock = new HandDeadlines();
  let trading: TradingCore | null = null;
  const seen: string[] = [];
  ts.onChange((next) => seen.push(`${next.state}: ${next.reason}`));
  const retry = startWithVenueDown({
    error: new VenueUnreachableError('lighter', new Error('orderBookDetails: HTTP 503')),
    start: () => Promise.resolve({} as VenueRuntime),
    attach: () => {
      trading = { reconciled: () => Promise.resolve() } as unknown as TradingCore;
    },
    trading: () => trading,
    tradingState: ts,
    clock,
    log: silentLogger,
    now: () => 1_000,
  });
  cleanups.push(() => void retry.stop());
  return { clock, seen };
}

describe('a venue unreachable at start while already REDUCING', () => {
  it('keeps REDUCING, names the venue, and says so again when the venues are back', async () => {
    const ts = control('REDUCING', 'live mode starts REDUCING');
    const { clock, seen } = start(ts);
    expect(ts.current()).toMatchObject({ state: 'REDUCING', reason: expect.stringContaining('venue lighter unreachable at start') });
    clock.fire();
    await pollUntil(() => seen.length === 2, { what: 'the release after the venues came back' });
    expect(ts.current()).toMatchObject({ state: 'REDUCING', reason: `${VENUE_BACK_REASON}; still REDUCING: live mode starts REDUCING` });
    expect(seen[0]).toContain('REDUCING: venue lighter unreachable at start: retrying (lighter unreachable: orderBookDetails: HTTP 503)');
  });

  it('leaves HALTED and its reason as they are', async () => {
    const ts = control('HALTED', 'halted by the trader');
    const { clock, seen } = start(ts);
    clock.fire();
    await pollUntil(() => clock.live().length === 0, { what: 'the retry to succeed' });
    expect(ts.current()).toMatchObject({ state: 'HALTED', reason: 'halted by the trader' });
    expect(seen).toEqual([]);
  });
});
