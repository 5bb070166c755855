// readVenueSnapshot's read order: open orders are answered before fills is asked (the diff relies
// on it, venue-snapshot.ts), the independent reads overlap that chain, and any failed read fails
// the whole snapshot with the first failed query in the documented order. Reads are deferred
// promises released by hand: no sockets, no timers.
import { describe, expect, it } from 'vitest';
import { readVenueSnapshot, type SnapshotPort } from '../../../src-core/reconcile/read-snapshot';

type Name = 'loadMarkets' | 'openOrders' | 'fills' | 'positions' | 'fundingPayments' | 'balance';

function scripted() {
  const asked: Name[] = [];
  const pending = new Map<Name, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const read = (name: Name) => () =>
    new Promise<never>((resolve, reject) => {
      asked.push(name);
      pending.set(name, { resolve: resolve as (v: unknown) => void, reject });
    });
  const port = {
    venue: 'lighter',
    capabilities: { notFoundGraceMs: 3_000 },
    loadMarkets: read('loadMarkets'),
    openOrders: read('openOrders'),
    fills: read('fills'),
    positions: read('positions'),
    fundingPayments: read('fundingPayments'),
    balance: read('balance'),
    book: () => undefined,
  } as unknown as SnapshotPort;
  return { port, asked, answer: (n: Name, v: unknown) => pending.get(n)!.resolve(v), fail: (n: Name, msg: string) => pending.get(n)!.reject(new Error(msg)) };
}

const flush = () => new Promise<void>((r) => setImmediate(r));
const balance = { equity: '100', available: '100' };

describe('readVenueSnapshot read order', () => {
  it('asks fills only once open orders are answered, and the other reads beside them', async () => {
    const s = scripted();
    const p = readVenueSnapshot(s.port, 1_000, () => 5_000);
    await flush();
    expect(new Set(s.asked)).toEqual(new Set(['loadMarkets', 'openOrders', 'positions', 'fundingPayments', 'balance']));
    for (const n of ['loadMarkets', 'positions', 'fundingPayments'] as const) s.answer(n, []);
    s.answer('balance', balance);
    await flush();
    expect(s.asked).not.toContain('fills');
    s.answer('openOrders', []);
    await flush();
    expect(s.asked.at(-1)).toBe('fills');
    s.answer('fills', []);
    await expect(p).resolves.toMatchObject({ kind: 'ok', queriedAtMs: 5_000, sinceMs: 1_000, notFoundGraceMs: 3_000, openOrders: [], fills: [], positions: [], fundingPayments: [], balance, markets: [] });
  });

  it('a failed open-orders read fails the snapshot and fills is never asked', async () => {
    const s = scripted();
    const p = readVenueSnapshot(s.port, 1_000, () => 5_000);
    await flush();
    for (const n of ['loadMarkets', 'positions', 'fundingPayments'] as const) s.answer(n, []);
    s.answer('balance', balance);
    s.fail('openOrders', 'HTTP 503');
    await expect(p).resolves.toEqual({ kind: 'failed', venue: 'lighter', queriedAtMs: 5_000, failedQuery: 'openOrders', error: 'HTTP 503' });
    expect(s.asked).not.toContain('fills');
  });

  it('one failed independent read fails the whole snapshot, never a partial one', async () => {
    const s = scripted();
    const p = readVenueSnapshot(s.port, 1_000, () => 5_000);
    await flush();
    for (const n of ['loadMarkets', 'openOrders', 'fundingPayments'] as const) s.answer(n, []);
    s.answer('balance', balance);
    s.fail('positions', 'timeout');
    await flush();
    s.answer('fills', []);
    await expect(p).resolves.toMatchObject({ kind: 'failed', failedQuery: 'positions', error: 'timeout' });
  });

  it('several failures report the first in the documented order, whichever settled first', async () => {
    const s = scripted();
    const p = readVenueSnapshot(s.port, 1_000, () => 5_000);
    await flush();
    s.fail('balance', 'balance down');
    s.answer('loadMarkets', []);
    s.answer('openOrders', []);
    await flush();
    s.fail('fills', 'fills down');
    s.answer('positions', []);
    s.answer('fundingPayments', []);
    await expect(p).resolves.toMatchObject({ kind: 'failed', failedQuery: 'fills', error: 'fills down' });
  });
});
