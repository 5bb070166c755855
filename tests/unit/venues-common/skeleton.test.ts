// The shared adapter skeleton: paging stops on every end condition (and never loops on a venue
// that repeats its cursor), the metadata cache shares loads and honours its TTL, and a listener
// that throws does not silence the others.
import { describe, expect, it } from 'vitest';
import { collectPages } from '../../../src-core/venues/common/paging';
import { MetadataCache } from '../../../src-core/venues/common/metadata-cache';
import { Listeners } from '../../../src-core/venues/common/listeners';

describe('collectPages', () => {
  it('follows cursors until there is none', async () => {
    const pages: Record<string, { rows: number[]; next: string | null }> = { start: { rows: [1, 2], next: 'b' }, b: { rows: [3], next: 'c' }, c: { rows: [4], next: null } };
    const seen: (string | null)[] = [];
    const rows = await collectPages<number, string>({ fetch: (c) => (seen.push(c), Promise.resolve(pages[c ?? 'start']!)) });
    expect(rows).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([null, 'b', 'c']);
  });

  it('stops on an empty page, a repeated cursor, the done predicate and the page cap', async () => {
    expect(await collectPages<number, number>({ fetch: (c) => Promise.resolve(c === null ? { rows: [1], next: 1 } : { rows: [], next: 2 }) })).toEqual([1]);
    let calls = 0;
    expect(await collectPages<number, number>({ fetch: () => (calls++, Promise.resolve({ rows: [calls], next: 7 })) })).toEqual([1, 2]);
    expect(await collectPages<number, number>({ fetch: (c) => Promise.resolve({ rows: [c ?? 0], next: (c ?? 0) + 1 }), done: (rows) => rows[0]! >= 2 })).toEqual([0, 1, 2]);
    expect((await collectPages<number, number>({ fetch: (c) => Promise.resolve({ rows: [c ?? 0], next: (c ?? 0) + 1 }), maxPages: 5 })).length).toBe(5);
  });

  it('a failing page propagates: a failed query is never a short answer', async () => {
    await expect(collectPages<number, number>({ fetch: (c) => (c === null ? Promise.resolve({ rows: [1], next: 1 }) : Promise.reject(new Error('HTTP 500'))) })).rejects.toThrow('HTTP 500');
  });
});

describe('MetadataCache', () => {
  it('loads once for concurrent readers and again only after the TTL', async () => {
    let t = 0;
    let loads = 0;
    const cache = new MetadataCache<number>({ load: () => Promise.resolve([++loads]), ttlMs: 1_000, now: () => t });
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([[1], [1]]);
    t = 999;
    expect(await cache.get()).toEqual([1]);
    t = 1_000;
    expect(await cache.get()).toEqual([2]);
  });

  it('a failed refresh keeps the last good markets for readers inside the TTL', async () => {
    let fail = false;
    const t = 0;
    const cache = new MetadataCache<string>({ load: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(['ETH'])), ttlMs: 1_000, now: () => t });
    await cache.get();
    fail = true;
    await expect(cache.refresh()).rejects.toThrow('down');
    expect(await cache.get()).toEqual(['ETH']);
  });
});

describe('Listeners', () => {
  it('a throwing listener is reported and the others still hear the event', () => {
    const errors: unknown[] = [];
    const l = new Listeners<number>((e) => errors.push(e));
    const heard: number[] = [];
    l.add(() => {
      throw new Error('bad listener');
    });
    const off = l.add((v) => heard.push(v));
    l.emit(1);
    off();
    l.emit(2);
    expect(heard).toEqual([1]);
    expect(errors).toHaveLength(2);
  });
});
