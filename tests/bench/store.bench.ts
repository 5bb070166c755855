// store.batch_write_100: ms to write 100 trade-sized rows in one batch (one transaction) to a
// real WAL database file. The Python bot needed about 10 ms for this; target 1 ms.
// store.intent_write_full_sync_ms: median ms for LedgerRepo.recordIntent (pair + leg + intent +
// state in one transaction) on the ledger's synchronous = FULL connection, i.e. one fsync of the
// WAL per intent. It sits on the hedge path (the hedge intent is written before its send), so the
// target is 2 ms: under 1 % of a venue round trip (~200 ms to Extended's REST), and within what a
// consumer SSD's fsync costs (0.1–2 ms). Measured alternatives on the dev VM (ext4, virtio):
// switching the main connection to FULL around each write 0.31 ms median, a second FULL
// connection 0.20 ms, NORMAL (not durable on power loss) 0.07 ms.
import { join } from 'node:path';
import { openLedgerDatabase, openStore } from '../../src-core/store/db';
import { LedgerRepo } from '../../src-core/ledger/ledger-repo';
import { BatchWriter } from '../../src-core/store/batch-writer';
import { tempDir } from '../helpers/tmp';
import { median, round, type BenchResult } from './harness';

export const name = 'store';

export async function run(): Promise<BenchResult[]> {
  const t = tempDir('fundingbot-bench-');
  const db = openStore({ dataDir: t.dir, mode: 'sim' });
  const ins = db.prepare(
    `INSERT INTO fills (venue, venue_fill_id, symbol, venue_order_id, client_order_id, side, size, price, fee_usd, is_maker, time_ms)
     VALUES (@venue, @id, @symbol, @orderId, @clientId, @side, @size, @price, @fee, @maker, @time)`,
  );
  const writer = new BatchWriter<Record<string, unknown>>({ db, write: (r) => ins.run(r), maxBatch: 1_000, flushAfterMs: 60_000 });
  let seq = 0;
  const samples: number[] = [];
  for (let round_ = 0; round_ < 300; round_++) {
    for (let i = 0; i < 100; i++) {
      seq += 1;
      writer.push({
        venue: seq % 2 === 0 ? 'lighter' : 'extended',
        id: `fill-${seq}`,
        symbol: 'ETH',
        orderId: `order-${seq >> 2}`,
        clientId: `pair-${seq >> 3}-leg-a-1`,
        side: seq % 2 === 0 ? 'buy' : 'sell',
        size: '0.1250',
        price: '3312.45',
        fee: '0.082811',
        maker: seq % 3 === 0 ? 1 : 0,
        time: 1_760_000_000_000 + seq,
      });
    }
    const t0 = performance.now();
    writer.flush();
    samples.push(performance.now() - t0);
  }
  writer.close();
  db.close();
  // A database of its own, so the figure is the intent write and not a checkpoint of the fills
  // written above.
  const t2 = tempDir('fundingbot-bench-');
  openStore({ dataDir: t2.dir, mode: 'sim' }).close();
  const ledgerDb = openLedgerDatabase(join(t2.dir, 'sim.db'));
  const ledger = new LedgerRepo(ledgerDb);
  const intentSamples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const pairSeq = ledger.allocatePairSeq();
    const t0 = performance.now();
    ledger.recordIntent(
      { pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: 0.00001, entryShortHourlyRate: 0.00005, entryApy: 0.35, createdAtMs: 1 },
      { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3312.45', tif: 'post_only', reduceOnly: false, createdAtMs: 1, txHash: null },
    );
    intentSamples.push(performance.now() - t0);
  }
  ledgerDb.close();
  t.cleanup();
  t2.cleanup();
  return [
    { bench: 'store.batch_write_100', value: round(median(samples.slice(20))), unit: 'ms', target: 1, better: 'lower' },
    { bench: 'store.intent_write_full_sync_ms', value: round(median(intentSamples.slice(20))), unit: 'ms', target: 2, better: 'lower' },
  ];
}
