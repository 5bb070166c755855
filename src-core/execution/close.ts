// The pair closer: both legs of an open pair closed together, reduce-only, every order through
// the tracker (intent durable before the send, an unknown outcome resolved by query, never
// re-sent) with purpose 'exit'.
// - Normal: a maker round first on both legs at once (close-leg.ts: post-only at our touch for
//   lifecycle.closeMakerTimeoutMs, cancel confirmed), then reduce-only IOCs up the close ladder.
// - Emergency: IOCs on both legs at once from the start, the whole close within
//   lifecycle.emergencyDeadlineMs (upstream chased a maker for 50 s first: §13 B14).
// Each round re-reads the ledger's net per leg and the venues' positions first (close-position.ts:
// an unknown position sends nothing). A leg still open after a round gets another, at most
// lifecycle.closeRetryMaxCount more, within the close's deadline; then the pair is
// 'close-failed', the risk hook alarms and moves trading to REDUCING. A close never ends with a
// leg open and nothing said. A second close of a pair while one runs gets the same promise.
import { compareDecimal, normalizeDecimal, signDecimal, subDecimal } from '../domain/decimal';
import type { Side, VenueId } from '../domain/venue';
import type { PairRecord } from '../ledger/types';
import type { MarketMeta } from '../venues/port';
import { closeLegRound, onStep, type LegRoundEnd } from './close-leg';
import { legNet, legTarget, readPosition, type VenuePosition } from './close-position';
import type { CloseLegReport, CloseReport, CloseSettings, CloseUrgency, PairCloserOptions } from './close-types';
import { AttemptCounter, type EntryPlan, type LegPlan } from './entry-plan';
import { EntryRun, settled } from './entry-run';
import { pause } from './entry-wait';
import { isClosed } from './order-fsm';

/** Pair states a close may start from: open, a broken entry's remainder, a close already under
 *  way before a restart, or one that failed and is tried again. */
export const CLOSABLE: ReadonlySet<PairRecord['state']> = new Set(['open', 'broken', 'closing', 'close-failed']);

/** A running close's urgency and deadline: an emergency that arrives while a normal close runs
 *  overtakes it (its maker cancelled at once, the ladder at the emergency slippage, the deadline
 *  brought to emergencyDeadlineMs from then). */
interface CloseControl {
  urgency: CloseUrgency;
  deadlineMono: number;
  escalation: string | null;
  run: EntryRun | null;
}

interface LegState {
  readonly plan: LegPlan;
  readonly market: MarketMeta;
  orderCount: number;
  failure: string | null;
  /** An order of the leg from before this close (a restart's) is still unresolved. */
  earlierUnresolved: boolean;
}

export class PairCloser {
  private readonly running = new Map<number, { readonly promise: Promise<CloseReport>; readonly ctl: CloseControl }>();

  constructor(private readonly o: PairCloserOptions) {}

  /** Pair sequences of the closes under way. */
  active(): readonly number[] {
    return [...this.running.keys()];
  }

  /** Closes the pair; a second call while its close runs returns the same promise (an
   *  emergency call first makes a running normal close an emergency one). */
  close(pairSeq: number, urgency: CloseUrgency, reason: string): Promise<CloseReport> {
    const existing = this.running.get(pairSeq);
    if (existing !== undefined) {
      if (urgency === 'emergency' && existing.ctl.urgency === 'normal') this.escalate(existing.ctl, reason);
      return existing.promise;
    }
    const s = this.o.settings();
    const ctl: CloseControl = { urgency, deadlineMono: this.o.clock.monoNow() + (urgency === 'emergency' ? s.lifecycle.emergencyDeadlineMs : s.lifecycle.closeDeadlineMs), escalation: null, run: null };
    const promise = this.run(pairSeq, ctl, s, reason).finally(() => this.running.delete(pairSeq));
    this.running.set(pairSeq, { promise, ctl });
    return promise;
  }

  private escalate(ctl: CloseControl, reason: string): void {
    const s = this.o.settings();
    ctl.urgency = 'emergency';
    ctl.escalation = reason;
    ctl.deadlineMono = Math.min(ctl.deadlineMono, this.o.clock.monoNow() + s.lifecycle.emergencyDeadlineMs);
    ctl.run?.wake.poke();
  }

  private async run(pairSeq: number, ctl: CloseControl, s: CloseSettings, reason: string): Promise<CloseReport> {
    const { ledger, clock } = this.o;
    const startMono = clock.monoNow();
    const urgency = ctl.urgency;
    const report = (outcome: CloseReport['outcome'], detail: string, rounds: number, legs: readonly CloseLegReport[]): CloseReport => ({
      pairSeq,
      urgency: ctl.urgency,
      reason: ctl.escalation === null ? reason : `${reason}; emergency: ${ctl.escalation}`,
      outcome,
      detail,
      rounds,
      legs,
      elapsedMs: clock.monoNow() - startMono,
    });

    const stored = ledger.pairRecord(pairSeq);
    if (stored === null) return report('refused', `no pair ${pairSeq}`, 0, []);
    if (!CLOSABLE.has(stored.state)) return report('refused', `pair ${pairSeq} is ${stored.state}`, 0, []);
    const legs: LegState[] = [];
    for (const leg of [0, 1] as const) {
      const venue = stored.legVenues[leg];
      // A leg the entry never sent an order on holds nothing.
      if (venue === null) continue;
      const market = this.o.venues[venue].market(stored.pair.symbol);
      // Without the market's tick and step no order can be priced: the close fails loudly.
      if (market === undefined) return this.failed(stored, report('close-failed', `no ${venue} market for ${stored.pair.symbol}`, 0, []), [venue]);
      legs.push({ plan: { leg, venue, side: venue === stored.pair.longVenue ? 'buy' : 'sell' }, market, orderCount: 0, failure: null, earlierUnresolved: false });
    }
    ledger.setPairState(pairSeq, 'closing', clock.now(), `closing (${urgency}): ${reason}`);
    const run = this.orderRun(stored, legs, s, ctl.deadlineMono);
    ctl.run = run;
    const before = legs.map((l) => legNet(ledger, pairSeq, l.plan.leg));
    let rounds = 0;
    try {
      for (let round = 0; round <= s.lifecycle.closeRetryMaxCount; round += 1) {
        if (round > 0) await pause(clock, s.lifecycle.closeRetryPauseMs, ctl.deadlineMono);
        if (clock.monoNow() >= ctl.deadlineMono) break;
        rounds += 1;
        const open = await this.round(run, stored, legs, s, ctl, round);
        if (!open) break;
      }
    } catch (e) {
      // A bug or a ledger failure mid-close: orders may be live, so the close failed (alerted),
      // never dropped.
      this.o.log.error('close failed unexpectedly', { pairSeq, error: String(e) });
      for (const l of legs) l.failure ??= `close failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      run.close();
    }
    const legReports = legs.map((l, i): CloseLegReport => {
      const left = legNet(ledger, pairSeq, l.plan.leg);
      return { leg: l.plan.leg, venue: l.plan.venue, closedSize: subDecimal(absOf(before[i]!), absOf(left)), leftSize: absOf(left), orderCount: l.orderCount, failure: signDecimal(left) === 0 && signDecimal(run.workingOf(l.plan.leg, 'exit')) === 0 && !l.earlierUnresolved ? null : (l.failure ?? 'close deadline passed with the leg open') };
    });
    const openLegs = legReports.filter((l) => l.failure !== null);
    if (openLegs.length === 0) {
      ledger.setPairState(pairSeq, 'closed', clock.now(), `closed (${ctl.urgency}): ${reason}`);
      return report('closed', 'both legs flat', rounds, legReports);
    }
    const why = openLegs.map((l) => `${l.venue} ${l.leftSize} left: ${l.failure}`).join('; ');
    return this.failed(stored, report('close-failed', why, rounds, legReports), openLegs.map((l) => l.venue));
  }

  /** One round on every leg still open, both at once. Returns true while a leg stays open. */
  private async round(run: EntryRun, stored: PairRecord, legs: LegState[], s: CloseSettings, ctl: CloseControl, round: number): Promise<boolean> {
    const { ledger, clock } = this.o;
    const urgency = ctl.urgency;
    const deadlineMono = ctl.deadlineMono;
    const pairSeq = stored.pair.pairSeq;
    // An order of the pair still working (an earlier close's, or one restored after a restart)
    // may fill yet: it is cancelled and waited for first, and the legs' nets are read after it,
    // never before (read before, a broken pair whose resting maker had not filled yet was closed
    // as flat and the fill landed on a closed pair: found by the crash suite's soak, 1.581 AAVE
    // left on Lighter). Nothing is sent on a leg while such an order works.
    // The legs are waited for together, and in an emergency for at most a position read's time:
    // waiting leg by leg up to the deadline let one leg's unresolved order spend the whole
    // emergency deadline, so the other leg was never closed (found by the crash suite's soak: an
    // emergency close right after a restart left both legs open). An order still unresolved is
    // looked at again next round; nothing is sent beside it meanwhile.
    const settleEnd = urgency === 'emergency' ? Math.min(deadlineMono, clock.monoNow() + s.lifecycle.positionQueryTimeoutMs) : deadlineMono;
    for (const l of legs) l.failure = null;
    const settledLegs = await Promise.all(legs.map((l) => this.settleEarlier(run, pairSeq, l, settleEnd)));
    const unresolved = new Set<0 | 1>(legs.filter((_, i) => !settledLegs[i]).map((l) => l.plan.leg));
    for (const l of legs) {
      l.earlierUnresolved = unresolved.has(l.plan.leg);
      if (l.earlierUnresolved) l.failure = 'an earlier order of the leg is unresolved: nothing sent beside it';
    }
    const nets = legs.map((l) => legNet(ledger, pairSeq, l.plan.leg));
    const todo = legs.filter((_, i) => signDecimal(nets[i]!) !== 0);
    if (todo.length === 0 && unresolved.size === 0 && !run.anyUnsettled()) return false;
    const readEnd = Math.min(deadlineMono, clock.monoNow() + s.lifecycle.positionQueryTimeoutMs);
    const positions = await Promise.all(todo.map((l) => readPosition(this.o.venues[l.plan.venue], l.plan.venue, stored.pair.symbol, clock, readEnd)));
    const targets = todo.map((l, i) => ({ l, t: legTarget(legNet(ledger, pairSeq, l.plan.leg), positions[i]!, l.plan.venue), pos: positions[i]! }));
    // A normal close keeps a hedged pair hedged: while both legs are open it sends on neither
    // unless both legs' sizes are known (a position read and no unresolved order: closing one
    // leg while the other is unknown could leave that one naked). Once one leg is closed, or in
    // an emergency, each leg goes alone.
    const bothOpen = todo.length === legs.length;
    const blockedAll = urgency === 'normal' && bothOpen && (unresolved.size > 0 || targets.some((x) => x.t.kind === 'blocked'));
    const work: Promise<void>[] = [];
    for (const { l, t, pos } of targets) {
      if (t.kind === 'flat') continue;
      if (t.kind === 'blocked' || blockedAll || unresolved.has(l.plan.leg)) {
        // The unresolved order first: waiting for it can spend the whole deadline, and the
        // position read after it then times out at once ("no answer in time" named the wrong
        // cause: found by the crash suite's soak, an emergency close right after a restart).
        l.failure = unresolved.has(l.plan.leg) ? 'an earlier order of the leg is unresolved: nothing sent beside it' : t.kind === 'blocked' ? t.why : `the other leg is unknown: nothing sent (${firstBlock(targets, unresolved)})`;
        continue;
      }
      if (t.venueShort) this.o.log.warn('venue position smaller than the ledger: closing what the venue holds', { pairSeq, venue: l.plan.venue, ledger: t.ledgerSize, venuePosition: (pos as Extract<VenuePosition, { kind: 'known' }>).size });
      const size = onStep(t.size, l.market.stepSize);
      work.push(this.leg(run, l, t.side, size, urgency === 'normal' && round === 0, ctl, s));
    }
    await Promise.all(work);
    return legs.some((l) => signDecimal(legNet(ledger, pairSeq, l.plan.leg)) !== 0) || run.anyUnsettled() || unresolved.size > 0;
  }

  private async leg(run: EntryRun, l: LegState, side: Side, size: string, makerFirst: boolean, ctl: CloseControl, s: CloseSettings): Promise<void> {
    if (compareDecimal(size, '0') <= 0) {
      l.failure = `remainder below one ${l.plan.venue} step (${l.market.stepSize})`;
      return;
    }
    const r = await closeLegRound({ run, leg: l.plan, market: l.market, side, target: size, makerFirst, urgency: () => ctl.urgency, settings: s.lifecycle, deadlineMono: () => ctl.deadlineMono });
    l.orderCount += r.orderCount;
    l.failure = endReason(r.end);
    if (l.failure !== null) this.o.log.warn('close round left the leg open', { pairSeq: run.pairSeq, venue: l.plan.venue, reason: l.failure });
  }

  /** Waits for every order of the leg that is still working; false when one stays unresolved. */
  private async settleEarlier(run: EntryRun, pairSeq: number, l: LegState, deadlineMono: number): Promise<boolean> {
    for (const i of this.o.ledger.intentsOfPair(pairSeq)) {
      if (i.leg !== l.plan.leg) continue;
      const tracked = this.o.tracker.get(i.clientOrderId);
      if (tracked === undefined) {
        // Not tracked: the ledger's state decides; one that is not closed is unresolved.
        const st = this.o.ledger.orderState(i.intentId);
        if (st !== null && !isClosed(st.state)) return false;
        continue;
      }
      if (settled(tracked)) continue;
      const ioc = tracked.order.state === 'lost' || tracked.intent.tif === 'ioc';
      // A resting order left by an earlier close or entry (its run died with the process: a
      // restart) is cancelled, then its end waited for, and this close goes on with what is left;
      // waited for as it was, it kept both legs from being closed until it filled (found by the
      // crash suite's soak: a killed normal close's makers made every later close fail). An IOC
      // ends by itself and is only waited for; a cancel never adds exposure.
      if (!ioc) await run.cancel(i.clientOrderId);
      const o = ioc ? await run.settleIoc(i.clientOrderId, deadlineMono) : await run.settle(i.clientOrderId, deadlineMono);
      if (!settled(o)) return false;
    }
    return true;
  }

  /** The shared order run (entry-run.ts: gate, attempt numbers, tracker, settle), over the pair's
   *  two legs as the ledger holds them; attempt numbers continue after the pair's earlier ones. */
  private orderRun(stored: PairRecord, legs: LegState[], s: CloseSettings, deadlineMono: number): EntryRun {
    const leg0 = legs.find((l) => l.plan.leg === 0)!;
    const leg1 = legs.find((l) => l.plan.leg === 1) ?? leg0;
    const plan: EntryPlan = { symbol: stored.pair.symbol, longVenue: stored.pair.longVenue, shortVenue: stored.pair.shortVenue, maker: leg0.plan, hedge: leg1.plan };
    return new EntryRun(
      { tracker: this.o.tracker, ledger: this.o.ledger, venues: this.o.venues, clock: this.o.clock, gate: this.o.gate, log: this.o.log.child({ pairSeq: stored.pair.pairSeq, part: 'close' }) },
      // settleIoc reads the IOC's usual time and the in-flight check interval from here.
      { ...s.trading, hedgeAttemptTimeoutMs: s.lifecycle.closeIocTimeoutMs },
      plan,
      { maker: leg0.market, hedge: leg1.market },
      stored.pair,
      AttemptCounter.continuing(this.o.ledger.intentsOfPair(stored.pair.pairSeq)),
      deadlineMono,
      0,
    );
  }

  private failed(stored: PairRecord, r: CloseReport, venues: readonly VenueId[]): CloseReport {
    const atMs = this.o.clock.now();
    this.o.ledger.setPairState(stored.pair.pairSeq, 'close-failed', atMs, `close failed (${r.urgency}): ${r.detail}`);
    this.o.log.error('close failed: a leg is still open', { pairSeq: stored.pair.pairSeq, detail: r.detail });
    this.o.onCloseFailed({ pairSeq: stored.pair.pairSeq, symbol: stored.pair.symbol, venues, reason: r.detail, atMs });
    return r;
  }
}

function absOf(signed: string): string {
  return normalizeDecimal(signDecimal(signed) < 0 ? subDecimal('0', signed) : signed);
}

function endReason(e: LegRoundEnd): string | null {
  if (e.kind === 'closed') return null;
  if (e.kind === 'failed') return e.reason;
  return `order ${e.clientOrderId} unresolved at the close deadline (never re-sent)`;
}

function firstBlock(targets: readonly { t: { kind: string; why?: string } }[], unresolved: ReadonlySet<0 | 1>): string {
  if (unresolved.size > 0) return `an order of leg ${[...unresolved].join(', ')} is unresolved`;
  return targets.find((x) => x.t.kind === 'blocked')?.t.why ?? 'unknown';
}
