// A table cell that flashes when its shown text changes: with the row order held still (see
// store/ui-screener.ts), a flash is how a moving value draws the eye. The flash is a class set
// for FLASH_MS and then removed (two style changes per flash, no per-frame animation): with every
// row moving ten times a second, a colour animation repainted the table on every frame and
// tripled the main-thread time per frame (tests/bench/ui.bench.ts: 92 ms p95 against 20 ms).
// A flash marks a change the trader could have seen: only when the cell was live (drawn on every
// update, see screens/screener-window.ts) both before and after it. The text sits in a `.cell`
// box of the screener's one row height (screens/screener-table.css).
import { memo, useEffect, useRef } from 'react';

export const FLASH_MS = 600;

/** Whether a change from `prevText` to `text` flashes. */
export const flashes = (prevText: string, text: string, wasLive: boolean, live: boolean): boolean => prevText !== text && wasLive && live;

export const FlashTd = memo(function FlashTd({ text, className, testId, title, live = true }: { text: string; className?: string; testId?: string; title?: string; live?: boolean }): React.JSX.Element {
  const ref = useRef<HTMLTableCellElement>(null);
  const shown = useRef({ text, live });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const prev = shown.current;
    shown.current = { text, live };
    const el = ref.current;
    if (el === null || !flashes(prev.text, text, prev.live, live)) return;
    // A value that keeps moving stays lit; it is not re-lit on every change.
    if (timer.current === null) {
      el.classList.add('flashed');
      el.dataset.flashes = String(Number(el.dataset.flashes ?? '0') + 1);
    } else clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      el.classList.remove('flashed');
    }, FLASH_MS);
  }, [text, live]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return (
    <td ref={ref} className={className} data-testid={testId} title={title}>
      <div className="cell one">{text}</div>
    </td>
  );
});
