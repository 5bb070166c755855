// The live-position book: streamed updates, full reads that make the unlisted flat, and "unknown"
// (null) until a venue was seen at all.
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../../../src-core/domain/venue';
import { PositionBook } from '../../../../src-core/host/trading/position-book';
import type { AccountEvent, Position } from '../../../../src-core/venues/port';

function ports() {
  const subs = new Map<VenueId, ((e: AccountEvent) => void)[]>();
  const port = (v: VenueId) => ({
    onAccount(cb: (e: AccountEvent) => void) {
      subs.set(v, [...(subs.get(v) ?? []), cb]);
      return () => subs.set(v, (subs.get(v) ?? []).filter((x) => x !== cb));
    },
  });
  const emit = (v: VenueId, e: AccountEvent) => { for (const cb of subs.get(v) ?? []) cb(e); };
  return { ports: { lighter: port('lighter'), extended: port('extended') }, emit, subs };
}

const pos = (venue: VenueId, symbol: string, size: string): Position => ({ venue, symbol, size, entryPrice: 100, markPrice: 101, liquidationPrice: 50, unrealizedPnlUsd: 0, leverage: 3 });

describe('position book', () => {
  it('is unknown before any read or stream update', () => {
    const { ports: p } = ports();
    expect(new PositionBook(p).get('lighter', 'ETH', 0)).toBeNull();
  });

  it('keeps streamed positions per venue', () => {
    const { ports: p, emit } = ports();
    const book = new PositionBook(p);
    emit('lighter', { type: 'position', position: pos('lighter', 'ETH', '0.5') });
    expect(book.get('lighter', 'ETH', 0)?.size).toBe('0.5');
    // Streamed only: a symbol not sent yet is still unknown, not flat.
    expect(book.get('lighter', 'SOL', 0)).toBeNull();
    expect(book.get('extended', 'ETH', 0)).toBeNull();
  });

  it('a full read replaces the venue: what it does not list is flat', () => {
    const { ports: p, emit } = ports();
    const book = new PositionBook(p);
    emit('extended', { type: 'position', position: pos('extended', 'ETH', '-0.5') });
    book.replace('extended', [pos('extended', 'SOL', '-2')], 1_000);
    expect(book.get('extended', 'ETH', 1_000)?.size).toBe('0');
    expect(book.get('extended', 'SOL', 1_000)?.size).toBe('-2');
    emit('extended', { type: 'position', position: pos('extended', 'ETH', '-0.1') });
    expect(book.get('extended', 'ETH', 1_000)?.size).toBe('-0.1');
  });

  it('a full read older than the pair does not make its leg flat: unknown until newer news', () => {
    const { ports: p, emit } = ports();
    const book = new PositionBook(p);
    book.replace('lighter', [], 1_000);
    // The pair opened at 1 001, after the read: its leg is not known to be flat.
    expect(book.get('lighter', 'ETH', 1_001)).toBeNull();
    expect(book.get('lighter', 'ETH', 1_000)?.size).toBe('0');
    emit('lighter', { type: 'position', position: pos('lighter', 'ETH', '0.2') });
    expect(book.get('lighter', 'ETH', 1_001)?.size).toBe('0.2');
  });

  it('stops listening on stop', () => {
    const { ports: p, emit, subs } = ports();
    const book = new PositionBook(p);
    book.stop();
    expect(subs.get('lighter')).toEqual([]);
    emit('lighter', { type: 'position', position: pos('lighter', 'ETH', '1') });
    expect(book.get('lighter', 'ETH', 0)).toBeNull();
  });
});
