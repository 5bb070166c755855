// Runs the funding-unit tripwire (risk/funding-unit-tripwire.ts) on every real funding payment
// from both venues' account streams. For each payment it finds OUR rate for that venue, symbol
// and settlement (the funding history store, else the adapter's history for that hour, and the
// market data service's settled rate when it is for the same settlement) and our mark; a payment
// whose hour we do not hold yet waits and is retried. A unit mismatch raises a critical alarm and
// asks for REDUCING (an automatic guard only tightens); a drift raises a warning.
//
// Payments come from the account stream where the venue pushes them (Lighter's account_all
// carries funding histories) and from the REST history otherwise: funding moves the balance, so
// a balance event (at most once a minute) and a slow timer read the venue's recent payments
// (Extended's account stream pushes BALANCE on a settlement, not the payment row).
import type { VenueId } from '../../domain/venue';
import type { AlarmBoard } from '../../risk/alarms';
import { checkFundingPayment, describeCheck, TRIPWIRE_DEFAULTS, type FundingCheck, type TripwireThresholds } from '../../risk/funding-unit-tripwire';
import type { Logger } from '../../telemetry/log';
import type { FundingPayment, FundingRate, MarketDataPort, TradingPort } from '../../venues/port';
import type { TradingStateControl } from '../trading-state-control';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Settlements are hourly: a row within 10 minutes of the payment's settlement is that hour's
 *  (Lighter stamps rows in seconds, Extended's paidTime may trail the hour). */
const MATCH_WINDOW_MS = 10 * MINUTE_MS;
const SEEN_LIMIT = 10_000;

export type ReferenceSource = 'history' | 'stream';

export interface FundingTripwireOptions {
  readonly trading: Readonly<Record<VenueId, Pick<TradingPort, 'onAccount' | 'fundingPayments'>>>;
  readonly marketData: Readonly<Record<VenueId, Pick<MarketDataPort, 'fundingHistory'>>>;
  readonly market: {
    view(symbol: string): { readonly lighter: { readonly markPrice: number | null }; readonly extended: { readonly markPrice: number | null } } | undefined;
    settledRate(venue: VenueId, symbol: string): FundingRate | null;
  };
  readonly history: { venueHourly(symbol: string, venue: VenueId, sinceMs?: number): readonly { timeMs: number; hourlyRate: number }[] };
  readonly alarms: AlarmBoard;
  readonly tradingState: Pick<TradingStateControl, 'request'>;
  readonly log: Logger;
  readonly now?: () => number;
  readonly thresholds?: TripwireThresholds;
  /** How often payments still waiting for our rate are retried. */
  readonly retryMs?: number;
  /** How long a payment waits for our rate before it is skipped. */
  readonly referenceWaitMs?: number;
  /** Our mark is current: for a payment settled longer ago than this, the venue's mark is used. */
  readonly maxMarkAgeMs?: number;
  /** How often the venues' recent payments are read besides the balance-triggered reads. */
  readonly pollMs?: number;
}

export interface TripwireResult {
  readonly payment: FundingPayment;
  readonly source: ReferenceSource | null;
  readonly check: FundingCheck;
}

export interface FundingTripwire {
  /** Resolves when every payment received so far has been handled (checked or left waiting). */
  idle(): Promise<void>;
  retryPending(): Promise<void>;
  /** Reads a venue's payments of the last hours (what a balance event triggers). */
  pollPayments(venue: VenueId): Promise<void>;
  pendingCount(): number;
  /** Recent results, newest last (bounded), for diagnostics and tests. */
  results(): readonly TripwireResult[];
  stop(): void;
}

export function startFundingTripwire(o: FundingTripwireOptions): FundingTripwire {
  const now = o.now ?? Date.now;
  const t = o.thresholds ?? TRIPWIRE_DEFAULTS;
  const referenceWaitMs = o.referenceWaitMs ?? 2 * HOUR_MS;
  const maxMarkAgeMs = o.maxMarkAgeMs ?? 2 * HOUR_MS;
  const seen = new Set<string>();
  const pending = new Map<string, { payment: FundingPayment; firstSeenMs: number }>();
  const results: TripwireResult[] = [];
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const nearest = (rows: readonly { timeMs: number; hourlyRate: number }[], at: number): number | null => {
    let best: { d: number; rate: number } | null = null;
    for (const r of rows) {
      const d = Math.abs(r.timeMs - at);
      if (d <= MATCH_WINDOW_MS && (best === null || d < best.d)) best = { d, rate: r.hourlyRate };
    }
    return best?.rate ?? null;
  };

  const references = async (p: FundingPayment): Promise<{ source: ReferenceSource; hourlyRate: number }[]> => {
    const out: { source: ReferenceSource; hourlyRate: number }[] = [];
    let hist = nearest(o.history.venueHourly(p.symbol, p.venue, p.settlementTimeMs - MATCH_WINDOW_MS), p.settlementTimeMs);
    if (hist === null) {
      try {
        // The same adapter code path that fills the history store, for just this hour.
        const rows = await o.marketData[p.venue].fundingHistory(p.symbol, p.settlementTimeMs - MATCH_WINDOW_MS, p.settlementTimeMs + MATCH_WINDOW_MS);
        hist = nearest(rows.map((r) => ({ timeMs: r.settlementTimeMs, hourlyRate: r.hourlyRate })), p.settlementTimeMs);
      } catch (e) {
        o.log.debug('funding tripwire: history lookup failed, will retry', { venue: p.venue, symbol: p.symbol, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (hist !== null) out.push({ source: 'history', hourlyRate: hist });
    const settled = o.market.settledRate(p.venue, p.symbol);
    if (settled !== null && Math.abs(settled.settlementTimeMs - p.settlementTimeMs) <= MATCH_WINDOW_MS) out.push({ source: 'stream', hourlyRate: settled.hourlyRate });
    return out;
  };

  const markFor = (p: FundingPayment, atMs: number): number | null => {
    if (atMs - p.settlementTimeMs > maxMarkAgeMs) return p.markPrice;
    return o.market.view(p.symbol)?.[p.venue].markPrice ?? p.markPrice;
  };

  const act = (p: FundingPayment, source: ReferenceSource | null, check: FundingCheck, atMs: number): void => {
    results.push({ payment: p, source, check });
    if (results.length > 500) results.shift();
    const message = `${describeCheck(p.venue, p.symbol, check)} (settlement ${new Date(p.settlementTimeMs).toISOString()}, our ${source ?? 'no'} rate)`;
    const fields = { venue: p.venue, symbol: p.symbol, paymentId: p.venuePaymentId, settlementTimeMs: p.settlementTimeMs, source, verdict: check.verdict.kind };
    switch (check.action) {
      case 'reduce': {
        const first = o.alarms.raise({ kind: 'funding-unit', severity: 'critical', venue: p.venue, symbol: p.symbol, message, atMs });
        o.log.error(first ? 'funding-unit tripwire fired' : 'funding-unit tripwire fired again', { ...fields, message });
        // The trading-state reason is bounded like the trader's (api: 200 characters).
        o.tradingState.request({ state: 'REDUCING', reason: `funding-unit tripwire: ${message}`.slice(0, 200), source: 'automatic', atMs });
        return;
      }
      case 'warn':
        if (o.alarms.raise({ kind: 'funding-drift', severity: 'warning', venue: p.venue, symbol: p.symbol, message, atMs })) o.log.warn('funding payment drifts from our rate', { ...fields, message });
        return;
      case 'none':
        if (check.verdict.kind === 'consistent') {
          // Logged every time: the audit trail that each payment was checked.
          o.log.info(o.alarms.clear('funding-drift', p.venue, p.symbol) ? 'funding payment consistent again' : 'funding payment consistent', { ...fields, message });
        } else {
          o.log.info('funding check skipped', { ...fields, message });
        }
        return;
    }
  };

  /** Returns true when the payment is done with (checked, or skipped for good). */
  const evaluate = async (p: FundingPayment, firstSeenMs: number): Promise<boolean> => {
    const refs = await references(p);
    const atMs = now();
    if (refs.length === 0) {
      if (atMs - firstSeenMs < referenceWaitMs) return false;
      act(p, null, checkFundingPayment(p, { hourlyRate: null, markPrice: markFor(p, atMs) }, t), atMs);
      return true;
    }
    const mark = markFor(p, atMs);
    // Every source we hold is checked: a stream rate and a history rate in different units are
    // both "ours", and either one being off misleads the screener. The worst result acts.
    const checks = refs.map((r) => ({ source: r.source, check: checkFundingPayment(p, { hourlyRate: r.hourlyRate, markPrice: mark }, t) }));
    const rank = { reduce: 2, warn: 1, none: 0 } as const;
    const worst = checks.reduce((a, b) => (rank[b.check.action] > rank[a.check.action] ? b : a));
    act(p, worst.source, worst.check, atMs);
    return true;
  };

  const enqueue = (job: () => Promise<void>): Promise<void> => {
    chain = chain.then(job).catch((e: unknown) => o.log.error('funding tripwire failed', { error: e instanceof Error ? e.message : String(e) }));
    return chain;
  };

  const onPayment = (p: FundingPayment): void => {
    const key = `${p.venue}:${p.venuePaymentId}`;
    // Streams repeat payments (Lighter's account_all carries the latest 20 in every update; a
    // resubscribe sends a snapshot): each is checked once.
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value!);
    const firstSeenMs = now();
    void enqueue(async () => {
      if (stopped) return;
      if (!(await evaluate(p, firstSeenMs))) pending.set(key, { payment: p, firstSeenMs });
    });
  };

  const lastPollMs: Record<VenueId, number> = { lighter: Number.NEGATIVE_INFINITY, extended: Number.NEGATIVE_INFINITY };
  const pollFailed = new Set<VenueId>();
  const pollPayments = (venue: VenueId): Promise<void> => {
    lastPollMs[venue] = now();
    return enqueue(async () => {
      // Once more at once (a reset keep-alive connection is the usual cause), then on the retry
      // timer: a failed read concludes nothing.
      for (let attempt = 1; attempt <= 2 && !stopped; attempt++) {
        try {
          for (const p of await o.trading[venue].fundingPayments(null, now() - referenceWaitMs)) onPayment(p);
          pollFailed.delete(venue);
          return;
        } catch (e) {
          o.log.debug('funding tripwire: payment read failed', { venue, attempt, error: e instanceof Error ? e.message : String(e) });
        }
      }
      pollFailed.add(venue);
    });
  };

  const offs = (['lighter', 'extended'] as const).map((venue) =>
    o.trading[venue].onAccount((e) => {
      if (e.type === 'fundingPayment') onPayment(e.payment);
      else if (e.type === 'balance' && now() - lastPollMs[venue] >= MINUTE_MS) void pollPayments(venue);
    }),
  );

  const retryPending = (): Promise<void> => {
    for (const venue of pollFailed) void pollPayments(venue);
    return enqueue(async () => {
      for (const [key, w] of [...pending]) {
        if (stopped) return;
        if (await evaluate(w.payment, w.firstSeenMs)) pending.delete(key);
      }
    });
  };

  const timer = setInterval(() => void retryPending(), o.retryMs ?? MINUTE_MS);
  timer.unref?.();
  const pollTimer = setInterval(() => {
    for (const venue of ['lighter', 'extended'] as const) void pollPayments(venue);
  }, o.pollMs ?? 5 * MINUTE_MS);
  pollTimer.unref?.();

  return {
    async idle() {
      // A job may queue more (a read queues the payments it found): wait until nothing is added.
      for (let c = chain; ; c = chain) {
        await c;
        if (c === chain) return;
      }
    },
    retryPending,
    pollPayments,
    pendingCount: () => pending.size,
    results: () => results,
    stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(pollTimer);
      for (const off of offs) off();
    },
  };
}
