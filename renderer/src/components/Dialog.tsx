// A modal dialog for the manual controls: an overlay that keeps the keyboard to itself while it
// is up (the screens' and nav's window key handlers would otherwise act under it: a digit would
// switch screens, Escape would close the screener's detail), Escape closing it. Keys still do
// their default work inside it (typing, Tab, Enter on a focused button).
import { useEffect, type ReactNode } from 'react';
import './controls.css';

export function Dialog({ title, onClose, testId, children, wide }: { title: string; onClose: () => void; testId: string; children: ReactNode; wide?: boolean }): React.JSX.Element {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    // Capture on window runs before every bubbling window listener of the screens.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="dialog-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`dialog ${wide === true ? 'wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="dialog-head">
          <h2>{title}</h2>
          <span className="spacer" />
          <button className="ghost" onClick={onClose} aria-label="Close (Esc)" data-testid={`${testId}-close`}>✕</button>
        </header>
        {children}
      </div>
    </div>
  );
}
