// The live window's rows (screener-window.ts) for a scrolling table wrapper: recomputed on scroll,
// on a resize of the wrapper and when the row count changes, and only handed back as a new object
// when the range itself moves, so a scroll within one row re-renders nothing.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { liveRange, sameRange, type LiveRange } from './screener-window';

export function useLiveRange(wrapRef: RefObject<HTMLDivElement | null>, count: number): LiveRange {
  const [range, setRange] = useState<LiveRange>(() => liveRange(0, 0, 0, count));
  const countRef = useRef(count);
  countRef.current = count;
  const measure = useCallback(() => {
    const wrap = wrapRef.current;
    if (wrap === null) return;
    const row = wrap.querySelector('tbody tr');
    const head = wrap.querySelector('thead');
    const rowHeightPx = row instanceof HTMLElement ? row.offsetHeight : 0;
    const headPx = head instanceof HTMLElement ? head.offsetHeight : 0;
    // The sticky header covers the top of the scrolled box: the body shows from scrollTop for
    // clientHeight less the header.
    const next = liveRange(wrap.scrollTop, wrap.clientHeight - headPx, rowHeightPx, countRef.current);
    setRange((prev) => (sameRange(prev, next) ? prev : next));
  }, [wrapRef]);
  useLayoutEffect(measure, [measure, count]);
  useEffect(() => {
    const wrap = wrapRef.current;
    if (wrap === null) return;
    wrap.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(wrap);
    return () => {
      wrap.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, [wrapRef, measure]);
  return range;
}
