// store.batch_write_100: ms to write 100 trade-sized rows in one batch (one transaction) to a
// real WAL database file. The Python bot needed about 10 ms for this; target 1 ms.
import { openStore } from '../../src-core/store/db';
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
  t.cleanup();
  return [{ bench: 'store.batch_write_100', value: round(median(samples.slice(20))), unit: 'ms', target: 1, better: 'lower' }];
}
