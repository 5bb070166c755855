// The screener table's held order, keyboard paging and the lost-core rule (pure parts of
// store/ui-screener.ts, components/table-keys.ts and store/ui-connection.ts).
import { describe, expect, it } from 'vitest';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { heldView, useScreenerStore } from '../../../renderer/src/store/ui-screener';
import { nextIndex } from '../../../renderer/src/components/table-keys';
import { connectionView, HEARTBEAT_LOST_MS, lostThresholdMs, useConnectionStore } from '../../../renderer/src/store/ui-connection';

const row = (symbol: string, ev: number, passed = true): ScreenerRow => ({ symbol, expectedValueUsd: ev, passed }) as unknown as ScreenerRow;
const rows = (...r: ScreenerRow[]) => Object.fromEntries(r.map((x) => [x.symbol, x]));
const NO_FILTER = { text: '', passingOnly: false };

describe('heldView', () => {
  it('keeps the held order whatever the values do, new symbols after it in sort order', () => {
    const r = rows(row('A', 1), row('B', 9), row('C', 5), row('D', 7), row('E', 8));
    expect(heldView(r, ['A', 'C', 'B'], NO_FILTER, 'expectedValueUsd', 'desc').map((x) => x.symbol)).toEqual(['A', 'C', 'B', 'E', 'D']);
  });

  it('drops symbols that are gone and filters the held rows', () => {
    const r = rows(row('ETH', 1), row('BTC', 2, false), row('ETHFI', 3));
    expect(heldView(r, ['GONE', 'BTC', 'ETHFI', 'ETH'], { text: 'eth', passingOnly: false }, 'symbol', 'asc').map((x) => x.symbol)).toEqual(['ETHFI', 'ETH']);
    expect(heldView(r, ['BTC', 'ETH', 'ETHFI'], { text: '', passingOnly: true }, 'symbol', 'asc').map((x) => x.symbol)).toEqual(['ETH', 'ETHFI']);
  });
});

describe('the screener store', () => {
  it('sorts the first rows, holds the order on updates, and re-sorts only when asked', () => {
    const s = useScreenerStore;
    s.setState({ rows: {}, order: [], sortKey: 'expectedValueUsd', sortDir: 'desc' });
    s.getState().applyRows([row('A', 1), row('B', 3), row('C', 2)]);
    expect(s.getState().order).toEqual(['B', 'C', 'A']);
    s.getState().applyRows([row('A', 10)]);
    expect(s.getState().order).toEqual(['B', 'C', 'A']);
    s.getState().resort();
    expect(s.getState().order).toEqual(['A', 'B', 'C']);
    s.getState().setSort('symbol');
    expect(s.getState().order).toEqual(['C', 'B', 'A']);
  });
});

describe('nextIndex', () => {
  it('moves by one, by a page and to the ends, clamped', () => {
    expect(nextIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextIndex('PageDown', 3, 10, 4)).toBe(7);
    expect(nextIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextIndex('PageUp', 3, 10, 4)).toBe(0);
    expect(nextIndex('PageUp', 9, 10, 4)).toBe(5);
    expect(nextIndex('Home', 5, 10, 4)).toBe(0);
    expect(nextIndex('End', 0, 10, 4)).toBe(9);
    expect(nextIndex('x', 0, 10, 4)).toBeNull();
    expect(nextIndex('End', -1, 0, 4)).toBeNull();
  });

  it('starts from the top with nothing selected (End from the bottom)', () => {
    expect(nextIndex('ArrowDown', -1, 10, 4)).toBe(0);
    expect(nextIndex('ArrowUp', -1, 10, 4)).toBe(0);
    expect(nextIndex('PageDown', -1, 10, 4)).toBe(3);
    expect(nextIndex('PageUp', -1, 10, 4)).toBe(0);
    expect(nextIndex('End', -1, 10, 4)).toBe(9);
  });
});

describe('connectionView', () => {
  it('is lost at once when the socket closes', () => {
    expect(connectionView('closed', 0, 100, 100, 3_000)).toEqual({ lost: true, why: 'socket-closed' });
  });

  it('is lost when the heartbeat is older than the threshold, counted from the later of beat and open', () => {
    expect(connectionView('open', 0, 1_000, 4_000, 3_000).lost).toBe(false);
    expect(connectionView('open', 0, 1_000, 4_001, 3_000)).toEqual({ lost: true, why: 'heartbeat-stale' });
    expect(connectionView('open', 5_000, 1_000, 7_000, 3_000).lost).toBe(false); // reconnected, beat pending
    expect(connectionView('none', null, 1_000, 4_001, 3_000).lost).toBe(true); // IPC: heartbeat only
    expect(connectionView('none', null, null, 1e9, 3_000).lost).toBe(false);
    expect(connectionView('connecting', null, null, 1e9, 3_000).lost).toBe(false);
  });

  it('detects within 3 s at the default 1 s heartbeat, one interval plus margin for slower beats', () => {
    expect(HEARTBEAT_LOST_MS).toBeLessThanOrEqual(3_000);
    expect(lostThresholdMs(1_000)).toBe(3_000);
    expect(lostThresholdMs(null)).toBe(3_000);
    expect(lostThresholdMs(10_000)).toBe(12_000);
  });

  it('stays closed through reconnect attempts until a socket opens', () => {
    const c = useConnectionStore;
    c.getState().setSocket('open');
    c.getState().setSocket('closed');
    c.getState().setSocket('connecting');
    expect(c.getState().socket).toBe('closed');
    c.getState().setSocket('open');
    expect(c.getState().socket).toBe('open');
    expect(c.getState().closedAtMs).toBeNull();
  });
});
