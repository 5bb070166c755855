// History and the ledger export through the real core's contract, over a real SQLite ledger
// seeded by LedgerRepo (tests/helpers/ledger-fixture.ts, PnL worked out by hand there): closed
// pairs with their exact split and hold time, filters, pages and totals; the CSV parsed back adds
// up to the ledger's own PnL; bad input is a typed VALIDATION that changes nothing; an export past
// the size limit is refused, not cut short.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import { openLedgerDatabase } from '../../../src-core/store/db';
import { createDispatcher } from '../../../src-core/api/dispatcher';
import { historyHandlers } from '../../../src-core/host/handlers/history';
import { ExportReader } from '../../../src-core/history/export-reader';
import { EXPORT_COLUMNS } from '../../../src-core/history/export-columns';
import { ethPair, seedLedger, type Seeded } from '../../helpers/ledger-fixture';
import { csvRecords, exportTotals, parseCsv } from '../../helpers/csv-parse';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function seededCore(): Promise<{ core: Core; seeded: Seeded; repo: LedgerRepo; ledgerFile: string }> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
  const ledgerFile = join(t.dir, 'sim.db');
  const db = openLedgerDatabase(ledgerFile);
  cleanups.push(t.cleanup, () => core.close(), () => void db.close());
  const repo = new LedgerRepo(db);
  return { core, seeded: seedLedger(repo), repo, ledgerFile };
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call('query', name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

interface Page {
  pairs: { pairSeq: number; symbol: string; state: string; holdMs: number | null; closedAtMs: number; pnl: Record<string, string> }[];
  totals: Record<string, string | number>;
  next: { closedAtMs: number; pairSeq: number } | null;
}

describe('history.pairs', () => {
  it('lists only pairs that are over, with the ledger\'s exact split and the hold time', async () => {
    const { core, seeded } = await seededCore();
    const page = await call<Page>(core, 'history.pairs', {});
    expect(page.pairs.map((p) => p.pairSeq)).toEqual([seeded.closed]);
    const row = page.pairs[0]!;
    // Opened at 2 300, closed at 9 300 (ledger-fixture.ts).
    expect(row).toMatchObject({ symbol: 'ETH', state: 'closed', closedAtMs: 9_300, holdMs: 7_000 });
    expect(row.pnl).toEqual({ realizedPnlUsd: '2.37', fundingReceivedUsd: '0.3', fundingPaidUsd: '0.15', feesUsd: '2.190975', netUsd: '0.329025' });
    const detail = await call<{ pair: { pnl: unknown } }>(core, 'pairs.detail', { pairSeq: seeded.closed });
    expect(row.pnl).toEqual(detail.pair.pnl);
    expect(page.totals).toEqual({ pairCount: 1, ...detail.pair.pnl as object });
    expect(page.next).toBeNull();
  });

  it('filters by symbol and close date, pages with a cursor, and totals every matching pair', async () => {
    const { core, repo } = await seededCore();
    // Three more closed ETH pairs (no fills: PnL 0), closed at 20 000, 20 000 and 30 000.
    const more: number[] = [];
    for (const closedAt of [20_000, 20_000, 30_000]) {
      const seq = repo.allocatePairSeq();
      repo.recordIntent(ethPair(seq), { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs: 1_000, txHash: null });
      repo.setPairState(seq, 'rolled-back', closedAt, 'test');
      more.push(seq);
    }
    const all = await call<Page>(core, 'history.pairs', { symbol: 'ETH' });
    // Newest close first; equal close times by pair sequence, descending.
    expect(all.pairs.map((p) => p.pairSeq)).toEqual([more[2], more[1], more[0], 0]);
    // Never opened: no hold time.
    expect(all.pairs[0]!.holdMs).toBeNull();
    expect(all.totals.pairCount).toBe(4);

    const p1 = await call<Page>(core, 'history.pairs', { symbol: 'ETH', limit: 2 });
    expect(p1.pairs.map((p) => p.pairSeq)).toEqual([more[2], more[1]]);
    expect(p1.totals.pairCount).toBe(4);
    expect(p1.totals.netUsd).toBe('0.329025');
    const p2 = await call<Page>(core, 'history.pairs', { symbol: 'ETH', limit: 2, before: p1.next });
    expect(p2.pairs.map((p) => p.pairSeq)).toEqual([more[0], 0]);
    expect(p2.next).toBeNull();

    const ranged = await call<Page>(core, 'history.pairs', { fromMs: 9_300, toMs: 20_001 });
    expect(ranged.pairs.map((p) => p.pairSeq)).toEqual([more[1], more[0], 0]);
    expect((await call<Page>(core, 'history.pairs', { fromMs: 9_301, toMs: 20_000 })).pairs).toEqual([]);
    const none = await call<Page>(core, 'history.pairs', { symbol: 'SOL' });
    expect(none).toEqual({ pairs: [], totals: { pairCount: 0, realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' }, next: null });
  });

  it('refuses bad input with a typed VALIDATION naming the field', async () => {
    const { core } = await seededCore();
    for (const [input, path] of [
      [{ symbol: 'eth' }, 'symbol'],
      [{ fromMs: 10, toMs: 10 }, 'toMs'],
      [{ fromMs: -1 }, 'fromMs'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ before: { closedAtMs: 1 } }, 'before.pairSeq'],
      [{ extra: 1 }, ''],
    ] as const) {
      const r = await core.dispatcher.call('query', 'history.pairs', input as never);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.map((i) => i.path).join(' ')).toContain(path);
    }
  });
});

describe('ledger.export', () => {
  it('exports every fill and payment in the documented columns, adding up to the ledger', async () => {
    const { core, seeded } = await seededCore();
    const out = await call<{ csv: string; rowCount: number; fileName: string }>(core, 'ledger.export', {});
    expect(out.fileName).toBe('fundingbot-ledger.csv');
    expect(parseCsv(out.csv)[0]).toEqual([...EXPORT_COLUMNS]);
    const records = csvRecords(out.csv);
    // 6 fills of pairs + 1 foreign fill, 5 funding payments (ledger-fixture.ts).
    expect(out.rowCount).toBe(12);
    expect(records).toHaveLength(12);
    expect(records.filter((r) => r.type === 'trade')).toHaveLength(7);

    const pnlOf = async (pairSeq: number) => (await call<{ pair: { pnl: Record<string, string> } }>(core, 'pairs.detail', { pairSeq })).pair.pnl;
    for (const seq of [seeded.closed, seeded.opening]) {
      expect(exportTotals(records.filter((r) => r.pair_seq === String(seq))), `pair ${seq}`).toEqual(await pnlOf(seq));
    }

    // One trade row in full: the ledger's own digits, ISO time, the fill's realized share.
    expect(records.find((r) => r.event_id === 'lf3')).toEqual({
      timestamp_utc: '1970-01-01T00:00:09.100Z',
      type: 'trade',
      venue: 'lighter',
      symbol: 'ETH',
      side: 'sell',
      size: '0.5',
      price: '3010',
      amount_usd: '1505',
      fee_usd: '0.75',
      realized_pnl_usd: '4.92',
      net_usd: '4.17',
      currency: 'USD',
      pair_seq: String(seeded.closed),
      leg: '0',
      position_side: 'long',
      liquidity: 'taker',
      order_id: expect.any(String),
      client_order_id: expect.stringMatching(/.+/),
      event_id: 'lf3',
    });
    expect(records.find((r) => r.event_id === 'lf2')).toMatchObject({ price: '3000.20', fee_usd: '-0.009', realized_pnl_usd: '0', liquidity: 'maker' });
    // A payment paid is a negative amount, not a guarded text cell.
    expect(records.find((r) => r.event_id === 'lighter-ETH-3600000')).toMatchObject({ type: 'funding', amount_usd: '-0.15', net_usd: '-0.15', fee_usd: '', price: '', leg: '0', position_side: 'long' });
    // Not ours: exported, tied to no pair.
    expect(records.find((r) => r.event_id === 'foreign')).toMatchObject({ pair_seq: '', realized_pnl_usd: '', net_usd: '', client_order_id: '' });
    expect(records.find((r) => r.event_id === 'lighter-BTC-3600000')).toMatchObject({ pair_seq: '', leg: '', amount_usd: '99' });
    // Oldest first.
    const times = records.map((r) => r.timestamp_utc);
    expect([...times].sort()).toEqual(times);
    // Byte-equal on a second export.
    expect((await call<{ csv: string }>(core, 'ledger.export', {})).csv).toBe(out.csv);
  });

  it('gives each reducing fill its own share of the realized PnL, so a leg closed in steps adds up', async () => {
    const { core, repo } = await seededCore();
    const seq = repo.allocatePairSeq();
    const pair = { ...ethPair(seq), symbol: 'BTC', targetSize: '1' };
    const base = { leg: 0 as const, venue: 'lighter' as const, attempt: 0, tif: 'ioc' as const, txHash: null };
    const entry = repo.recordIntent(pair, { ...base, purpose: 'entry', side: 'buy', size: '1', price: '100', reduceOnly: false, createdAtMs: 1_000 });
    const exit = repo.recordIntent(pair, { ...base, purpose: 'exit', side: 'sell', size: '1', price: '100', reduceOnly: true, createdAtMs: 2_000 });
    const fill = (i: typeof entry, id: string, size: string, price: string, timeMs: number) =>
      repo.recordFill({ venue: 'lighter', symbol: 'BTC', venueFillId: id, venueOrderId: `o-${i.intentId}`, clientOrderId: i.clientOrderId, side: i.side, size, price, feeUsd: '0.01', isMaker: false, timeMs });
    fill(entry, 'b1', '1', '100', 1_100);
    // Basis 100: selling 0.4 @ 110 realizes 4, then 0.6 @ 105 realizes 3.
    fill(exit, 'b2', '0.4', '110', 2_100);
    fill(exit, 'b3', '0.6', '105', 2_200);
    const records = csvRecords((await call<{ csv: string }>(core, 'ledger.export', { symbol: 'BTC' })).csv).filter((r) => r.type === 'trade');
    expect(records.map((r) => [r.event_id, r.realized_pnl_usd, r.net_usd])).toEqual([['b1', '0', '-0.01'], ['b2', '4', '3.99'], ['b3', '3', '2.99']]);
    const detail = await call<{ pair: { pnl: Record<string, string> } }>(core, 'pairs.detail', { pairSeq: seq });
    expect(exportTotals(records)).toEqual(detail.pair.pnl);
  });

  it('filters by symbol and by each event\'s time, from inclusive and to exclusive', async () => {
    const { core } = await seededCore();
    const sol = csvRecords((await call<{ csv: string }>(core, 'ledger.export', { symbol: 'SOL' })).csv);
    expect(sol.map((r) => r.event_id).sort()).toEqual(['lighter-SOL-3600000', 'sf1']);
    const out = await call<{ csv: string; fileName: string }>(core, 'ledger.export', { symbol: 'ETH', fromMs: 9_100, toMs: 3_600_000 });
    expect(out.fileName).toBe('fundingbot-ledger-eth-from-1970-01-01-to-1970-01-01.csv');
    const closing = csvRecords(out.csv);
    expect(closing.map((r) => r.event_id)).toEqual(['lf3', 'xf2']);
    // The closing fills carry the whole realized PnL of the pair: 4.92 − 2.55.
    expect(exportTotals(closing).realizedPnlUsd).toBe('2.37');
  });

  it('refuses bad input with a typed VALIDATION', async () => {
    const { core } = await seededCore();
    for (const input of [{ symbol: '=cmd' }, { fromMs: 5, toMs: 4 }, { toMs: 1.5 }, { limit: 3 }]) {
      const r = await core.dispatcher.call('query', 'ledger.export', input as never);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('past the size limit refuses the export with what to do, never a cut-short file', async () => {
    const { core, ledgerFile } = await seededCore();
    const db = openLedgerDatabase(ledgerFile);
    cleanups.push(() => void db.close());
    const full = await call<{ csv: string }>(core, 'ledger.export', {});
    const bytes = Buffer.byteLength(full.csv);
    const small = historyHandlers({ queries: new LedgerQueries(db), exportReader: new ExportReader(db), exportMaxBytes: bytes - 1 });
    const fits = historyHandlers({ queries: new LedgerQueries(db), exportReader: new ExportReader(db), exportMaxBytes: bytes });
    const dispatch = (h: ReturnType<typeof historyHandlers>) => createDispatcher({ queries: h.queries, commands: {} } as never);
    expect((await dispatch(fits).call('query', 'ledger.export', {})).ok).toBe(true);
    const r = await dispatch(small).call('query', 'ledger.export', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/narrow the date range or pick one symbol/) } });
  });
});
