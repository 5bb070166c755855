import { useToastStore } from '../store/ui-toasts';

/** The toast stack, bottom right. Errors carry the contract's code and stay until dismissed. */
export function Toasts(): React.JSX.Element {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
          <div className="toast-head">
            <strong>{t.title}</strong>
            {t.code !== null && <code className="toast-code">{t.code}</code>}
            <button className="ghost toast-close" onClick={() => dismiss(t.id)} aria-label="Dismiss" data-testid="toast-dismiss">×</button>
          </div>
          <div className="toast-message">{t.message}</div>
        </div>
      ))}
    </div>
  );
}
