// Issue 11, acceptance 2: after 24 simulated hours of funding on three open pairs, each pair's
// funding in the ledger equals the sum of the venues' settlement payments exactly, keyed by
// settlement. Three pairs on ETH, BTC and SOL (both directions) are opened on the simulator through
// the real adapters and the real PairExecutor; then the simulator's clock is jumped through 24
// hourly settlements with rates that change every hour and flip sign, so each leg both receives
// and pays. The funding-ledger loop records what the venues pay (Lighter: account_all stream and
// positionFunding; Extended: /user/funding/history, rows without an id as the SDK path sends them).
// Midway the loop is stopped, a settlement passes while none runs, and a new loop over a new
// connection to the same SQLite file takes over: it records the missed hour and nothing twice.
// The reference is what a client of the venue sees: each adapter's funding-payment history.
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimal, formatScaled, normalizeDecimal, signDecimal, subDecimal, sumDecimals } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import type { FundingPayment } from '../../../src-core/venues/port';
import { pollUntil } from '../../helpers/wait';
import { fundingHarness, HOUR_MS, type FundingHarness } from './funding-harness';

const VENUES = ['lighter', 'extended'] as const satisfies readonly VenueId[];
const PAIRS = [
  { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' },
  { symbol: 'BTC', longVenue: 'extended', shortVenue: 'lighter' },
  { symbol: 'SOL', longVenue: 'lighter', shortVenue: 'extended' },
] as const satisfies readonly { symbol: string; longVenue: VenueId; shortVenue: VenueId }[];
const SETTLEMENTS = 24;
/** The loop is replaced before this settlement (which passes while no loop runs). */
const RESTART_BEFORE = 12;

/** The hourly rate the venue settles at hour `n` (1-based): a different level per venue and
 *  symbol, changing every hour, its sign flipped every fourth hour at an offset per market, so
 *  every leg receives some hours and pays others. Odd digits, so cash rounds to micro-USD. */
function hourlyRate(venue: VenueId, symbolIndex: number, n: number): number {
  const base = venue === 'lighter' ? [1.7e-5, -2.3e-5, 3.1e-5][symbolIndex]! : [4.9e-5, 1.3e-5, -0.7e-5][symbolIndex]!;
  const wave = 1 + 0.37 * ((n * 7 + symbolIndex * 3) % 5);
  const flip = (n + symbolIndex + (venue === 'lighter' ? 0 : 1)) % 4 === 3 ? -1 : 1;
  return base * wave * flip * 1.000_123_7;
}

const key = (p: { venue: VenueId; symbol: string; settlementTimeMs: number }) => `${p.venue}:${p.symbol}:${p.settlementTimeMs}`;

let h: FundingHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** What the venues report, through the adapters, for settlements at or after `sinceMs`. */
async function venuePayments(x: FundingHarness, sinceMs: number): Promise<Map<string, FundingPayment>> {
  const out = new Map<string, FundingPayment>();
  for (const v of VENUES) {
    for (const p of await x.adapters[v].fundingPayments(null, sinceMs)) {
      expect(out.has(key(p)), `the venue reports ${key(p)} once`).toBe(false);
      out.set(key(p), p);
    }
  }
  return out;
}

describe('funding over 24 simulated hours on three open pairs', () => {
  it('records every settlement of every leg exactly once, equal to the venues’ payments, across a loop restart', { timeout: 120_000 }, async () => {
    h = await fundingHarness(PAIRS.map((p) => p.symbol));
    const x = h;
    const pairSeqOf = new Map<string, number>();
    for (const p of PAIRS) {
      const r = await x.openPair(p.symbol, p.longVenue, p.shortVenue);
      expect(r, `${p.symbol} pair`).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
      pairSeqOf.set(p.symbol, r.pairSeq!);
    }
    x.stopPump();
    const openedAtMs = x.clock.nowMs();
    const firstSettlementMs = Math.ceil(openedAtMs / HOUR_MS) * HOUR_MS;
    expect(firstSettlementMs - openedAtMs, 'every pair opened before the first settlement').toBeGreaterThan(0);
    x.startLoop();

    for (let n = 1; n <= SETTLEMENTS; n++) {
      const settlementMs = firstSettlementMs + (n - 1) * HOUR_MS;
      PAIRS.forEach((p, i) => {
        for (const v of VENUES) x.sim.engine.model.pinFunding(v, p.symbol, hourlyRate(v, i, n));
      });
      if (n === RESTART_BEFORE) await x.stopLoop();
      // Just past the settlement, and the loop's read timer once (Extended pushes no payments on
      // its account stream: the loop learns of them by reading the history).
      x.clock.advance(settlementMs + 1_000 - x.clock.nowMs());
      x.tickLoop();
      if (n === RESTART_BEFORE) {
        expect(x.fundingRows().filter((r) => r.settlementTimeMs === settlementMs), 'nothing recorded while no loop runs').toEqual([]);
        const before = x.outcomes.length;
        x.startLoop();
        await pollUntil(() => x.fundingRows().filter((r) => r.settlementTimeMs === settlementMs).length, { until: (c) => c === PAIRS.length * VENUES.length, what: `the missed settlement ${n} recorded after the restart` });
        await x.loop!.idle();
        // The new loop's first read reaches back over every earlier hour: all of it is already
        // there, so each earlier payment came back as a duplicate and only the missed hour is new.
        const since = x.outcomes.slice(before);
        const earlier = new Set(x.fundingRows().filter((r) => r.settlementTimeMs < settlementMs).map(key));
        expect(earlier.size).toBe((n - 1) * PAIRS.length * VENUES.length);
        const duplicates = new Set(since.filter((o) => o.outcome.kind === 'duplicate').map((o) => o.key));
        expect([...earlier].filter((k) => !duplicates.has(k)), 'earlier payments the new loop did not read again').toEqual([]);
        expect(since.filter((o) => o.outcome.kind === 'recorded').map((o) => o.key).sort()).toEqual(PAIRS.flatMap((p) => VENUES.map((v) => `${v}:${p.symbol}:${settlementMs}`)).sort());
      }
      const rows = await pollUntil(() => x.fundingRows().filter((r) => r.settlementTimeMs === settlementMs), { until: (r) => r.length === PAIRS.length * VENUES.length, what: `settlement ${n} recorded for every leg` });
      // Each row equals the venue's own payment for that (venue, market, settlement), to the digit.
      const venue = await venuePayments(x, settlementMs);
      expect(venue.size).toBe(rows.length);
      for (const r of rows) {
        const v = venue.get(key(r));
        expect(v, `the venue reports ${key(r)}`).toBeDefined();
        expect(r.cashUsd, key(r)).toBe(v!.cashUsd);
        expect(r.positionSize, key(r)).toBe(v!.positionSize);
        expect(r.positionSide, key(r)).toBe(v!.positionSide);
        expect(r.pairSeq, `${key(r)} is the ${r.symbol} pair's`).toBe(pairSeqOf.get(r.symbol));
        // Units and sign of the rate as recorded (analytics): Lighter reports an unsigned percent,
        // Extended a signed decimal; both must come out as the signed hourly decimal that settled.
        expect(r.hourlyRate, `${key(r)} rate`).toBeCloseTo(hourlyRate(r.venue, PAIRS.findIndex((p) => p.symbol === r.symbol), n), 7);
      }
    }
    await x.loop!.idle();

    // The whole day, per pair: the ledger's rows against the venues' histories.
    const lastSettlementMs = firstSettlementMs + (SETTLEMENTS - 1) * HOUR_MS;
    const grid = Array.from({ length: SETTLEMENTS }, (_, k) => firstSettlementMs + k * HOUR_MS);
    const all = x.fundingRows();
    expect(all.length).toBe(SETTLEMENTS * PAIRS.length * VENUES.length);
    expect(new Set(all.map(key)).size).toBe(all.length);
    const venue = await venuePayments(x, firstSettlementMs - HOUR_MS);
    expect(venue.size).toBe(all.length);
    const views = new Map(x.queries().listPairs().map((p) => [p.pairSeq, p]));
    for (const p of PAIRS) {
      const pairSeq = pairSeqOf.get(p.symbol)!;
      const ledgerRows = all.filter((r) => r.pairSeq === pairSeq);
      expect(ledgerRows.every((r) => r.symbol === p.symbol)).toBe(true);
      const venueRows = [...venue.values()].filter((v) => v.symbol === p.symbol);
      for (const v of VENUES) {
        // No missing and no extra settlement: exactly the 24 hours, first to last.
        expect(ledgerRows.filter((r) => r.venue === v).map((r) => r.settlementTimeMs).sort((a, b) => a - b), `${p.symbol} on ${v}`).toEqual(grid);
        // The rates flipped sign, so the leg both received and paid.
        const cash = ledgerRows.filter((r) => r.venue === v).map((r) => signDecimal(r.cashUsd));
        expect(cash.includes(1) && cash.includes(-1), `${p.symbol} on ${v} received and paid`).toBe(true);
      }
      expect(new Map(ledgerRows.map((r) => [key(r), r.cashUsd]))).toEqual(new Map(venueRows.map((v) => [key(v), v.cashUsd])));
      const venueSum = normalizeDecimal(sumDecimals(venueRows.map((v) => v.cashUsd)));
      expect(normalizeDecimal(sumDecimals(ledgerRows.map((r) => r.cashUsd))), `${p.symbol} ledger sum`).toBe(venueSum);
      // What the trader sees for the pair: received − paid equals the venues' sum.
      const pnl = views.get(pairSeq)!.pnl;
      expect(compareDecimal(subDecimal(pnl.fundingReceivedUsd, pnl.fundingPaidUsd), venueSum), `${p.symbol} pair view`).toBe(0);
      // And the venues' books agree (the simulator's integer micro-USD): nothing lost in paging.
      const engineMicro = VENUES.reduce((s, v) => {
        const acct = v === 'lighter' ? String(x.sim.demo.lighter.accountIndex) : String(x.sim.demo.extended.accountId);
        return s + x.sim.engine.account(v, acct)!.fundingPayments.filter((f) => f.symbol === p.symbol && f.timeMs <= lastSettlementMs).reduce((m, f) => m + f.changeMicro, 0);
      }, 0);
      expect(compareDecimal(formatScaled(BigInt(engineMicro), 6), venueSum), `${p.symbol} against the simulator's books`).toBe(0);
    }
    // Each (venue, market, settlement) recorded once over both loops; nothing conflicting.
    const recorded = x.outcomes.filter((o) => o.outcome.kind === 'recorded').map((o) => o.key);
    expect(recorded.length).toBe(all.length);
    expect(new Set(recorded)).toEqual(new Set(all.map(key)));
    expect(x.outcomes.some((o) => o.outcome.kind === 'duplicate' && o.outcome.conflicting)).toBe(false);
    expect(x.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});
