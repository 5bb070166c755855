// Puts every real funding payment of both venues into the ledger, on the pair it belongs to
// (ledger/funding-attribution.ts). Payments arrive on the account streams (Lighter's account_all
// carries funding histories) and are read back from the venues' REST history: at start, after a
// private stream resubscribes (payments may have been pushed while it was down), and on a slow
// timer. The ledger keys each payment by (venue, market, settlement), so a payment seen twice is
// recorded once, and a re-read reaching further back than needed costs nothing but the request.
// A failed read concludes nothing: the next read covers the same hours again.
// The first read after a start reaches back 48 h, and further, to the creation of the oldest
// pair not closed: the host may have been down for days while that pair's legs were paid every
// hour, and a payment the loop never reads is missing from the pair for good.
import type { VenueId } from '../../domain/venue';
import { FundingAttributor, recordAttributedFunding } from '../../ledger/funding-attribution';
import type { LedgerRepo } from '../../ledger/ledger-repo';
import type { Logger } from '../../telemetry/log';
import type { FundingPayment, TradingPort } from '../../venues/port';
import { realTicker, type Ticker } from '../screener-emitter';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];
const HOUR_MS = 3_600_000;
/** How far back the first read reaches at least (further for an older pair not closed). */
export const FUNDING_LOOKBACK_MS = 48 * HOUR_MS;
export const FUNDING_READ_INTERVAL_MS = 10 * 60_000;

export interface FundingLedgerOptions {
  readonly ports: Readonly<Record<VenueId, Pick<TradingPort, 'onAccount' | 'fundingPayments'>>>;
  readonly ledger: Pick<LedgerRepo, 'recordFundingPayment' | 'oldestUnclosedPairCreatedAtMs'>;
  readonly attributor: FundingAttributor;
  readonly log: Logger;
  readonly now: () => number;
  readonly ticker?: Ticker;
  readonly intervalMs?: number;
}

export interface FundingLedger {
  /** Reads a venue's payments since the last successful read (less the overlap) and records them. */
  readVenue(venue: VenueId): Promise<void>;
  /** Resolves when every payment received so far is recorded. */
  idle(): Promise<void>;
  stop(): void;
}

export function startFundingLedger(o: FundingLedgerOptions): FundingLedger {
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  const lastReadMs: Record<VenueId, number | null> = { lighter: null, extended: null };

  const enqueue = (job: () => Promise<void> | void): Promise<void> => {
    chain = chain.then(job).catch((e: unknown) => o.log.error('funding ledger failed', { error: e instanceof Error ? e.message : String(e) }));
    return chain;
  };

  const record = (p: FundingPayment): void => {
    if (stopped) return;
    const { outcome, attribution } = recordAttributedFunding(o.ledger, o.attributor, p, o.now());
    const fields = { venue: p.venue, symbol: p.symbol, settlementTimeMs: p.settlementTimeMs, cashUsd: p.cashUsd };
    if (outcome.kind === 'duplicate') {
      if (outcome.conflicting) o.log.warn('funding payment differs from the one recorded for the same settlement (kept the first)', fields);
      return;
    }
    switch (attribution.kind) {
      case 'pair':
        if (!attribution.sizeMatches) o.log.warn('funding paid on a position that differs from the pair leg', { ...fields, pairSeq: attribution.pairSeq, legSize: attribution.legSize, paidOnSize: p.positionSize });
        return;
      case 'ambiguous':
        o.log.warn('funding payment matches more than one pair: kept unattributed for reconciliation', { ...fields, pairSeqs: attribution.pairSeqs });
        return;
      case 'none':
        o.log.info('funding payment on a position no pair holds', fields);
        return;
    }
  };

  const firstReadFromMs = (nowMs: number): number => {
    const oldest = o.ledger.oldestUnclosedPairCreatedAtMs();
    return oldest === null ? nowMs - FUNDING_LOOKBACK_MS : Math.min(nowMs - FUNDING_LOOKBACK_MS, oldest);
  };

  const readVenue = (venue: VenueId): Promise<void> =>
    enqueue(async () => {
      if (stopped) return;
      const startedMs = o.now();
      const since = (lastReadMs[venue] ?? firstReadFromMs(startedMs)) - HOUR_MS;
      try {
        const rows = await o.ports[venue].fundingPayments(null, since);
        for (const p of rows) record(p);
        lastReadMs[venue] = startedMs;
      } catch (e) {
        o.log.warn('funding payments read failed; the next read covers the same hours', { venue, error: e instanceof Error ? e.message : String(e) });
      }
    });

  const offs = VENUE_IDS.map((venue) =>
    o.ports[venue].onAccount((e) => {
      if (e.type === 'fundingPayment') void enqueue(() => record(e.payment));
      else if (e.type === 'stream' && e.stream.state === 'resubscribed') void readVenue(venue);
    }),
  );
  for (const v of VENUE_IDS) void readVenue(v);
  const stopTimer = (o.ticker ?? realTicker).every(o.intervalMs ?? FUNDING_READ_INTERVAL_MS, () => {
    for (const v of VENUE_IDS) void readVenue(v);
  });

  return {
    readVenue,
    idle: () => chain,
    stop() {
      stopped = true;
      stopTimer();
      for (const off of offs) off();
    },
  };
}
