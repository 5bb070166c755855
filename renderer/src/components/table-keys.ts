// Keyboard movement in a table of rows: arrows by one, PageUp/PageDown by a screenful,
// Home/End to the ends. Pure, so the screen only maps the answer to a row.

/** The index to select after `key`, or null when the key does not move the selection.
 *  `current` is -1 when nothing is selected: any movement key then starts from the top
 *  (End from the bottom). */
export function nextIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number): number => Math.min(last, Math.max(0, i));
  const page = Math.max(1, pageSize);
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1);
    case 'PageDown':
      return clamp(current < 0 ? page - 1 : current + page);
    case 'PageUp':
      return clamp(current < 0 ? 0 : current - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** Rows that fit in the scrolling box (one row's height from its first body row), at least 1. */
export function pageSizeOf(wrap: HTMLElement | null): number {
  const row = wrap?.querySelector('tbody tr');
  const rowHeight = row instanceof HTMLElement ? row.offsetHeight : 0;
  const head = wrap?.querySelector('thead');
  const headHeight = head instanceof HTMLElement ? head.offsetHeight : 0;
  if (wrap === null || rowHeight <= 0) return 10;
  return Math.max(1, Math.floor((wrap.clientHeight - headHeight) / rowHeight) - 1);
}
