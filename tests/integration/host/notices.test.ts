// Notices as a client of the headless host sees them, with the real core, the simulator and both
// real adapters: a pair opened on the simulator arrives as fill notices and one "pair open"
// notice; a breaker trip arrives, the trader's own halt does not; a kind switched off in
// settings.notifications stops arriving (and only it); notices.recent serves a late window; a
// close that fails after pairs.close was answered OK reaches the client as a notice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../src-core/api/channels/notices';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { startHost, type RunningHost } from '../../helpers/host';
import { connectClient, type TestClient } from '../../helpers/ws-client';
import { pinFundingNow } from '../../helpers/funding';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const handTicker: Ticker = { every: () => () => undefined };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const notices = (c: TestClient): Notice[] => c.events.filter((e) => e.event === 'notices.new').map((e) => e.payload as Notice);

async function ok<T>(c: TestClient, kind: 'query' | 'command', channel: string, payload: unknown): Promise<T> {
  const r = await c.call(kind, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** A host on the simulator with one ETH pair opened through the client; resolves at its notice. */
async function openedPair(simSeed: number): Promise<{ host: RunningHost; client: TestClient; opened: Notice }> {
    const t = tempDir();
    const host: RunningHost = await startHost(t.dir, { startVenues: true, trading: true, simSeed, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
    cleanups.push(t.cleanup, () => host.stop());
    const client = await connectClient(host.server.wsUrl, { Cookie: `${host.server.cookieName}=${host.server.token}` });
    cleanups.push(() => client.close());
    await ok(client, 'command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false } });
    await host.core.trading()!.reconciled();
    await pinFundingNow(host.core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    await ok(client, 'command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
    const opened = (await pollUntil(() => notices(client).find((n) => n.kind === 'pairOpened'), { what: 'the pair-open notice' }))!;
  return { host, client, opened };
}

describe('notices through the headless host', () => {
  it('a pair opened on the simulator: fills and one pair-open notice; the fill switch silences fills only', { timeout: 120_000 }, async () => {
    const { host, client, opened } = await openedPair(11);
    expect(opened).toMatchObject({ severity: 'info', title: expect.stringMatching(/^ETH pair \d+ open$/), body: expect.stringContaining('long Lighter, short Extended') });
    const fills = notices(client).filter((n) => n.kind === 'fill');
    expect(fills.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fills.map((n) => n.pairSeq))).toEqual(new Set([opened.pairSeq]));
    expect(fills.map((n) => n.title).join(' | ')).toMatch(/ETH buy filled on Lighter/);
    expect(fills.map((n) => n.title).join(' | ')).toMatch(/ETH sell filled on Extended/);

    // A late window gets the same notices.
    const recent = await ok<{ notices: Notice[]; status: { decisionsWaiting: number } }>(client, 'query', 'notices.recent', {});
    expect(recent.notices.map((n) => n.id)).toEqual(notices(client).map((n) => n.id));
    expect(recent.status.decisionsWaiting).toBe(0);

    // Fills off: the close's fills say nothing, the trader's halt says nothing, a guard's trip does.
    await ok(client, 'command', 'settings.update', { notifications: { fill: false } });
    const before = notices(client).length;
    await ok(client, 'command', 'pairs.close', { pairSeq: opened.pairSeq! });
    await pollUntil(() => ok<{ pairs: { state: string }[] }>(client, 'query', 'pairs.list', {}), { until: (l) => l.pairs.every((p) => p.state === 'closed'), what: 'the pair to close', timeoutMs: 60_000 });
    const closed = (await pollUntil(() => notices(client).find((n) => n.kind === 'pairClosed'), { what: 'the pair-closed notice' }))!;
    expect(closed.body).toMatch(/^Net [+−]?\$\d+\.\d\d \(price /);
    // The breaker board trips through the same trading-state control as the trader's command.
    host.core.trading()!.board.apply('drawdown', { trip: { to: 'REDUCING', reason: 'drawdown 11 % of equity ≥ 10 %' } }, Date.now());
    const trip = (await pollUntil(() => notices(client).find((n) => n.kind === 'breakerTrip'), { what: 'the breaker notice' }))!;
    expect(trip).toMatchObject({ severity: 'warning', title: 'Entries paused (REDUCING)', body: 'breaker:drawdown: drawdown 11 % of equity ≥ 10 %', pairSeq: null });
    await ok(client, 'command', 'trading.state.set', { state: 'HALTED', reason: 'ui: halt' });
    await pollUntil(() => client.events.some((e) => e.event === 'trading.state.changed' && (e.payload as { state: string }).state === 'HALTED'), { what: 'the halt to reach the client' });
    const after = notices(client).slice(before);
    expect(after.filter((n) => n.kind === 'fill')).toEqual([]);
    expect(after.filter((n) => n.kind === 'breakerTrip')).toEqual([trip]);
  });

  it('a close that fails after pairs.close was accepted reaches the client as a critical notice', { timeout: 120_000 }, async () => {
    const { host, client, opened } = await openedPair(12);
    // The close fails once it runs (the command's answer is sent before): the closer throws.
    const closer = host.core.trading()!.closer;
    closer.close = () => Promise.reject(new Error('venue socket closed mid-close'));
    await ok(client, 'command', 'pairs.close', { pairSeq: opened.pairSeq! });
    const failed = (await pollUntil(() => notices(client).find((n) => n.title.includes('close failed')), { what: 'the close-failed notice' }))!;
    expect(failed).toMatchObject({ kind: 'brokenHedge', severity: 'critical', title: `Pair ${opened.pairSeq}: close failed`, pairSeq: opened.pairSeq, body: expect.stringContaining('venue socket closed mid-close') });
    const recent = await ok<{ notices: Notice[] }>(client, 'query', 'notices.recent', {});
    expect(recent.notices.map((n) => n.id)).toContain(failed.id);
    // A close the closer refuses once it runs sent nothing: said too, with the closer's reason.
    closer.close = (pairSeq, urgency, reason) => Promise.resolve({ pairSeq, urgency, reason, outcome: 'refused', detail: `pair ${pairSeq} is closed`, rounds: 0, legs: [], elapsedMs: 0 });
    await ok(client, 'command', 'pairs.close', { pairSeq: opened.pairSeq! });
    const refused = (await pollUntil(() => notices(client).find((n) => n.body.includes('nothing was closed')), { what: 'the refused-close notice' }))!;
    expect(refused).toMatchObject({ severity: 'critical', title: `Pair ${opened.pairSeq}: close failed`, body: expect.stringContaining(`pair ${opened.pairSeq} is closed`) });
  });
});
