// The screener's live window (renderer/src/screens/screener-window.ts): which rows are drawn on
// every update, what the others keep, how they are refreshed, and when a changed cell flashes
// (components/FlashTd.tsx).
import { describe, expect, it } from 'vitest';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { liveRange, LiveWindow, OFFSCREEN_REFRESH_MS, OVERSCAN_ROWS } from '../../../renderer/src/screens/screener-window';
import { flashes } from '../../../renderer/src/components/FlashTd';

const row = (symbol: string, ev: number): ScreenerRow => ({ symbol, expectedValueUsd: ev }) as unknown as ScreenerRow;
const view = (n: number, ev: number) => Array.from({ length: n }, (_, i) => row(`S${i}`, ev));

describe('liveRange', () => {
  it('is the rows in the viewport plus the overscan, clamped to the table', () => {
    // 40 px rows, 400 px of body: rows 0-10 touch the viewport at the top.
    expect(liveRange(0, 400, 40, 60)).toEqual({ from: 0, to: 10 + OVERSCAN_ROWS });
    expect(liveRange(1_000, 400, 40, 60, 2)).toEqual({ from: 23, to: 37 });
    expect(liveRange(2_000, 400, 40, 60, 2)).toEqual({ from: 48, to: 59 });
  });

  it('is every row before a row height is known, and nothing for no rows', () => {
    expect(liveRange(0, 400, 0, 60)).toEqual({ from: 0, to: 59 });
    expect(liveRange(0, 400, 40, 0)).toEqual({ from: 0, to: -1 });
  });
});

describe('LiveWindow', () => {
  it('draws live rows current; an off-window row keeps the row it drew until it is refreshed', () => {
    const w = new LiveWindow();
    const first = view(30, 1);
    w.pick(first, { from: 0, to: 9 }, 100, 0);
    const next = view(30, 2);
    const shown = w.pick(next, { from: 0, to: 9 }, 101, 100);
    expect(shown.slice(0, 10).every((s, i) => s.row === next[i] && s.live && s.nowSec === 101)).toBe(true);
    // Off-window: the very row object drawn before (its memo skips it), not yet due.
    expect(shown.slice(10).every((s, i) => s.row === first[i + 10] && !s.live && s.nowSec === 100)).toBe(true);
  });

  it('refreshes every off-window row within about a second, a share per update, never all at once', () => {
    const w = new LiveWindow();
    w.pick(view(30, 0), { from: 0, to: 9 }, 0, 0);
    const refreshedAt = new Map<string, number>();
    let most = 0;
    for (let t = 100; t <= 3 * OFFSCREEN_REFRESH_MS; t += 100) {
      const v = view(30, t);
      const shown = w.pick(v, { from: 0, to: 9 }, 0, t);
      const fresh = shown.slice(10).filter((s, i) => s.row === v[i + 10]);
      most = Math.max(most, fresh.length);
      for (const s of fresh) refreshedAt.set(s.row.symbol, t);
    }
    expect(refreshedAt.size).toBe(20);
    // 20 off-window rows over ten updates a second: two per update.
    expect(most).toBeLessThanOrEqual(2);
    // Each was last refreshed within the last second and a tick of the run.
    for (const t of refreshedAt.values()) expect(t).toBeGreaterThanOrEqual(2 * OFFSCREEN_REFRESH_MS - 100);
  });

  it('draws a row coming into the window at once with its current values', () => {
    const w = new LiveWindow();
    w.pick(view(30, 1), { from: 0, to: 9 }, 0, 0);
    const v = view(30, 2);
    const shown = w.pick(v, { from: 15, to: 24 }, 0, 10);
    expect(shown[20]!.row).toBe(v[20]);
    expect(shown[20]!.live).toBe(true);
    // A row leaving the window keeps its values and stops being live.
    expect(shown[5]!.live).toBe(false);
    expect(shown[5]!.row.expectedValueUsd).toBe(1);
  });

  it('draws a new row (or one back from a filter) current, wherever it is', () => {
    const w = new LiveWindow();
    w.pick(view(5, 1), { from: 0, to: 1 }, 0, 0);
    const v = [...view(5, 2), row('NEW', 2)];
    expect(w.pick(v, { from: 0, to: 1 }, 0, 10)[5]!.row).toBe(v[5]);
  });
});

describe('flashes', () => {
  it('only for a change the trader could have seen: live before and after', () => {
    expect(flashes('1.0', '1.1', true, true)).toBe(true);
    expect(flashes('1.0', '1.0', true, true)).toBe(false);
    expect(flashes('1.0', '1.1', false, true)).toBe(false); // coming into view
    expect(flashes('1.0', '1.1', false, false)).toBe(false); // refreshed off-window
    expect(flashes('1.0', '1.1', true, false)).toBe(false);
  });
});
