// The venue simulator in its own process for the crash suite (tests/fault/): the core is killed
// and restarted beside it, so the venues keep their orders, fills and positions across each
// crash, as real venues do. The parent drives it over IPC (sim-protocol.ts): funding pins, a
// funding settlement, faults, the venue's own order log and positions (the truth the suite checks
// the ledger against), and traps that SIGKILL the core from inside the venue at an exact point of
// an order's path: "before" (the request arrived, the order never reaches the book: the core had
// written its intent and sent, nothing happened at the venue) or "after" (the order is on the
// venue, the core has not seen the answer: a signal is delivered before the killed process runs
// again, so it never reads the reply).
import { startSimulator } from '../../src-core/venues/sim/server';
import type { OrderRequest, PlaceResult } from '../../src-core/venues/sim/engine/types';
import type { VenueId } from '../../src-core/domain/venue';
import { clientOrderIndex, decodeClientOrderId } from '../../src-core/domain/client-order-id';
import { mulDecimal, normalizeDecimal } from '../../src-core/domain/decimal';
import { VENUES } from '../../src-core/domain/enums';
import type { SimInspection, SimRequest, SimTrap, SimOrderRow } from './sim-protocol';

const HOUR_MS = 3_600_000;

function purposeOf(clientId: string): string | null {
  const n = clientOrderIndex(clientId);
  if (n === null) return null;
  return decodeClientOrderId(clientId, Math.floor(n / 2 ** 36))?.purpose ?? null;
}

async function main(): Promise<void> {
  const seed = Number(process.argv[2] ?? '13');
  // The market model steps once a minute: books hold still between a fill and its hedge (as in
  // tests/integration/trading), so what a kill leaves behind is the crash's doing, not the book's.
  const sim = await startSimulator({ seed, controlPort: null, stepMs: 60_000 });
  const { engine } = sim;
  const accountIds: Record<VenueId, string> = { lighter: String(sim.demo.lighter.accountIndex), extended: String(sim.demo.extended.accountId) };

  let trap: (SimTrap & { seen: number }) | null = null;
  let corePid: number | null = null;
  const rejectPurpose: Record<VenueId, string | null> = { lighter: null, extended: null };
  // Manual settlements go forward one hour each from 100 hours after the start: each has its own
  // settlement time (payments are keyed by venue, market and time), none collides with the
  // engine's own hourly settlements (the next few real hours), and none lands on an hour the
  // core already holds in its funding history: the archive then shows the rate each one paid
  // (engine.fundingHistory), as a venue's does. Stamped at past hours they rewrote an hour the
  // core had stored, and its funding-unit tripwire rightly fired at every restart.
  let nextManualSettlementMs = Math.ceil(engine.startedAtMs / HOUR_MS) * HOUR_MS + 100 * HOUR_MS;

  const fire = (where: string): void => {
    const pid = corePid;
    const t = trap;
    trap = null;
    if (pid === null || t === null) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return; // already gone
    }
    process.send?.({ kind: 'killed', pid, where, trap: t });
  };

  const realPlace = engine.place.bind(engine);
  engine.place = (venue: VenueId, req: OrderRequest): PlaceResult => {
    const purpose = purposeOf(req.clientId);
    if (purpose !== null && rejectPurpose[venue] === purpose) return { ok: false, code: 'price-band', message: 'crash suite: refused to force a rollback' };
    const t = trap;
    const match = t !== null && t.on === 'place' && purpose === t.purpose && (t.venue === undefined || t.venue === venue);
    if (match) t.seen++;
    if (match && t.seen === t.nth && t.when === 'before') {
      fire(`${venue} ${purpose} #${t.nth} before it reached the book`);
      return { ok: false, code: 'price-band', message: 'crash suite: the core is gone' };
    }
    const r = realPlace(venue, req);
    if (match && t.seen === t.nth && t.when === 'after') fire(`${venue} ${purpose} #${t.nth} on the venue, its answer unread`);
    return r;
  };

  const realCancel = engine.cancel.bind(engine);
  engine.cancel = (venue: VenueId, accountId: string, ref: { orderId?: number; clientId?: string }) => {
    const t = trap;
    if (t !== null && t.on === 'cancel' && (t.venue === undefined || t.venue === venue)) {
      const a = engine.account(venue, accountId);
      const order = a === undefined ? undefined : ref.orderId !== undefined ? a.orders.get(ref.orderId) : ref.clientId !== undefined ? a.findByClientId(ref.clientId) : undefined;
      if (order !== undefined && purposeOf(order.clientId) === t.purpose && ++t.seen === t.nth) {
        if (t.when === 'before') {
          fire(`${venue} cancel of ${t.purpose} #${t.nth} before it reached the book`);
          return { ok: false, code: 'unknown-order' } as const;
        }
        const r = realCancel(venue, accountId, ref);
        fire(`${venue} cancel of ${t.purpose} #${t.nth} done, its answer unread`);
        return r;
      }
    }
    return realCancel(venue, accountId, ref);
  };

  const inspect = (): SimInspection => {
    const out = {} as Record<VenueId, { orders: SimOrderRow[]; positions: Record<string, string>; funding: { symbol: string; timeMs: number; changeMicro: number }[] }>;
    for (const venue of VENUES) {
      const a = engine.account(venue, accountIds[venue])!;
      const orders: SimOrderRow[] = [...a.orders.values()].map((o) => ({ clientId: o.clientId, orderId: o.orderId, symbol: o.symbol, isAsk: o.isAsk, sizeSteps: o.sizeSteps, filledSteps: o.filledSteps, status: o.status, reduceOnly: o.reduceOnly, tif: o.tif }));
      const positions: Record<string, string> = {};
      for (const [symbol, p] of a.positions) {
        if (p.steps === 0) continue;
        positions[symbol] = normalizeDecimal(mulDecimal(String(p.steps), engine.market(venue, symbol)!.stepSize));
      }
      out[venue] = { orders, positions, funding: a.fundingPayments.map((f) => ({ symbol: f.symbol, timeMs: f.timeMs, changeMicro: f.changeMicro })) };
    }
    return out;
  };

  const handle = (m: SimRequest): unknown => {
    switch (m.op) {
      case 'pin':
        for (const [venue, symbol, rate] of m.pins) engine.model.pinFunding(venue, symbol, rate);
        return null;
      case 'arm':
        corePid = m.pid;
        trap = { ...m.trap, seen: 0 };
        return null;
      case 'disarm':
        trap = null;
        return null;
      case 'rejectPurpose':
        rejectPurpose[m.venue] = m.purpose;
        return null;
      case 'partialFill':
        engine.faults.forcePartialFraction[m.venue] = m.fraction;
        return null;
      case 'latency':
        for (const route of m.routes) sim.faults.setLatency(m.venue, route, m.ms);
        return null;
      case 'settle': {
        // settleAll stamps the payments with the hour nearest the engine clock's time.
        const at = nextManualSettlementMs;
        nextManualSettlementMs += HOUR_MS;
        const clock = engine.clock as { nowMs: () => number };
        const real = clock.nowMs;
        clock.nowMs = () => at;
        try {
          engine.settleAll();
        } finally {
          clock.nowMs = real;
        }
        return at;
      }
      case 'inspect':
        return inspect();
      case 'symbols':
        return engine.commonSymbols();
    }
  };

  process.on('message', (raw) => {
    const m = raw as SimRequest & { id: number };
    try {
      process.send?.({ kind: 'reply', id: m.id, ok: true, value: handle(m) });
    } catch (e) {
      process.send?.({ kind: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  process.on('disconnect', () => {
    void sim.close().finally(() => process.exit(0));
  });
  process.send?.({
    kind: 'ready',
    endpoints: { seed, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } },
  });
}

void main();
