// The screener's live window (issue 14, acceptance 6: a frame under 16 ms with every row moving
// ten times a second). Every row stays in the DOM, so the scrollbar, keyboard paging, selection
// scrolled into view, a click on any row and find-in-page all work as on a plain table; but only
// the rows in the scroll viewport, plus OVERSCAN_ROWS either side, are redrawn on every update.
// The others keep what they last showed and are brought up to date a share at a time, each about
// once per OFFSCREEN_REFRESH_MS, so the page never reads more than about a second old and no single
// update redraws them all at once. Design decisions:
//  - a row coming into the window is drawn at once with its current values and without a flash:
//    a flash marks a change the trader could have seen (components/FlashTd.tsx `live`); the
//    off-window refreshes do not flash either;
//  - the rows have one fixed height and the columns fixed widths (screener-table.css), so the
//    window is plain arithmetic on scrollTop and a changed or incoming value shifts no column.
import type { ScreenerRow } from '../../../src-core/api/channels/screener';

/** Rows either side of the viewport kept live: a scroll is drawn by the compositor before the
 *  page hears of it, and these rows are already current when it does. */
export const OVERSCAN_ROWS = 1;
/** How old an off-window row may get before it is redrawn. */
export const OFFSCREEN_REFRESH_MS = 1_000;

/** Indices [from, to] (inclusive) of the rows drawn live, viewport plus overscan, clamped. */
export interface LiveRange {
  readonly from: number;
  readonly to: number;
}

/** The live rows for a body scrolled by `scrollTopPx` (measured from the first body row) in a
 *  viewport `viewportPx` tall; before a row height is known, every row is live. */
export function liveRange(scrollTopPx: number, viewportPx: number, rowHeightPx: number, count: number, overscan = OVERSCAN_ROWS): LiveRange {
  if (count <= 0) return { from: 0, to: -1 };
  if (!(rowHeightPx > 0)) return { from: 0, to: count - 1 };
  const first = Math.floor(Math.max(0, scrollTopPx) / rowHeightPx);
  const last = Math.floor((Math.max(0, scrollTopPx) + Math.max(0, viewportPx)) / rowHeightPx);
  return { from: Math.max(0, first - overscan), to: Math.min(count - 1, last + overscan) };
}

export const sameRange = (a: LiveRange, b: LiveRange): boolean => a.from === b.from && a.to === b.to;

/** What one row draws: the row as of `nowSec` (its countdowns), and whether it is live. */
export interface Shown {
  readonly row: ScreenerRow;
  readonly nowSec: number;
  readonly live: boolean;
  /** When this was taken from the store (for the off-window refresh). */
  readonly atMs: number;
}

/** Chooses, on each render of the table, what every row draws. An off-window row is handed the
 *  very row object (and nowSec) it drew last, so its memo skips it. */
export class LiveWindow {
  private shown = new Map<string, Shown>();
  private lastMs: number | null = null;

  pick(view: readonly ScreenerRow[], range: LiveRange, nowSec: number, nowMs: number): Shown[] {
    const dtMs = this.lastMs === null ? 0 : Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    const offWindow = view.length - Math.max(0, range.to - range.from + 1);
    // Spread the refreshes over the calls: the share of off-window rows that a second's worth of
    // calls would redraw in dtMs, at least one, so each is redrawn about once a second.
    let quota = Math.ceil((offWindow * Math.min(dtMs, OFFSCREEN_REFRESH_MS)) / OFFSCREEN_REFRESH_MS);
    const next = new Map<string, Shown>();
    const out = view.map((row, i) => {
      const live = i >= range.from && i <= range.to;
      const prev = this.shown.get(row.symbol);
      // Refresh a live row, a new one, or a due off-window one (within the quota); else keep it.
      const due = prev !== undefined && nowMs - prev.atMs >= OFFSCREEN_REFRESH_MS && quota > 0;
      if (due && !live) quota -= 1;
      const s: Shown = live || prev === undefined || due ? { row, nowSec, live, atMs: nowMs } : prev.live ? { ...prev, live } : prev;
      next.set(row.symbol, s);
      return s;
    });
    this.shown = next;
    return out;
  }
}
