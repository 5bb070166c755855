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
    expect(new PositionBook(p).get('lighter', 'ETH')).toBeNull();
  });

  it('keeps streamed positions per venue', () => {
    const { ports: p, emit } = ports();
    const book = new PositionBook(p);
    emit('lighter', { type: 'position', position: pos('lighter', 'ETH', '0.5') });
    expect(book.get('lighter', 'ETH')?.size).toBe('0.5');
    // Streamed only: a symbol not sent yet is still unknown, not flat.
    expect(book.get('lighter', 'SOL')).toBeNull();
    expect(book.get('extended', 'ETH')).toBeNull();
  });

  it('a full read replaces the venue: what it does not list is flat', () => {
    const { ports: p, emit } = ports();
    const book = new PositionBook(p);
    emit('extended', { type: 'position', position: pos('extended', 'ETH', '-0.5') });
    book.replace('extended', [pos('extended', 'SOL', '-2')]);
    expect(book.get('extended', 'ETH')?.size).toBe('0');
    expect(book.get('extended', 'SOL')?.size).toBe('-2');
    emit('extended', { type: 'position', position: pos('extended', 'ETH', '-0.1') });
    expect(book.get('extended', 'ETH')?.size).toBe('-0.1');
  });

  it('stops listening on stop', () => {
    const { ports: p, emit, subs } = ports();
    const book = new PositionBook(p);
    book.stop();
    expect(subs.get('lighter')).toEqual([]);
    emit('lighter', { type: 'position', position: pos('lighter', 'ETH', '1') });
    expect(book.get('lighter', 'ETH')).toBeNull();
  });
});
