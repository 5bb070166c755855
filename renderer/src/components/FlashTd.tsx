// A table cell that flashes when its shown text changes: with the row order held still (see
// store/ui-screener.ts), a flash is how a moving value draws the eye. The Web Animations API
// runs it without a React re-render, so ten updates a second on every row stay cheap.
import { useEffect, useRef } from 'react';

const FLASH: Keyframe[] = [{ backgroundColor: 'rgba(77, 159, 255, 0.35)' }, { backgroundColor: 'rgba(77, 159, 255, 0)' }];
export const FLASH_MS = 700;

export function FlashTd({ text, className, testId, title }: { text: string; className?: string; testId?: string; title?: string }): React.JSX.Element {
  const ref = useRef<HTMLTableCellElement>(null);
  const shown = useRef(text);
  useEffect(() => {
    if (shown.current === text) return;
    shown.current = text;
    const el = ref.current;
    // One flash at a time per cell: a value moving ten times a second flashes about once
    // every FLASH_MS instead of stacking hundreds of animations on the table.
    if (el !== null && typeof el.animate === 'function' && el.getAnimations().length === 0) {
      el.animate(FLASH, { duration: FLASH_MS, easing: 'ease-out' });
      el.dataset.flashes = String(Number(el.dataset.flashes ?? '0') + 1);
    }
  }, [text]);
  return (
    <td ref={ref} className={className} data-testid={testId} title={title}>
      {text}
    </td>
  );
}
