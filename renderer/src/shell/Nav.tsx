import { SCREENS, useNavStore, type Screen } from '../store/ui-nav';

const LABELS: Record<Screen, string> = { screener: 'Screener', positions: 'Positions', history: 'History', health: 'Health', settings: 'Settings' };
const ICONS: Record<Screen, string> = { screener: '◎', positions: '⇄', history: '☰', health: '♥', settings: '⚙' };

export function Nav(): React.JSX.Element {
  const { screen, go } = useNavStore();
  return (
    <nav className="nav" aria-label="Screens">
      {SCREENS.map((s, i) => (
        <button key={s} className={s === screen ? 'active' : ''} onClick={() => go(s)} data-testid={`nav-${s}`} title={`${LABELS[s]} (${i + 1})`} aria-current={s === screen ? 'page' : undefined}>
          <span className="icon">{ICONS[s]}</span>
          <span>{LABELS[s]}</span>
          <kbd>{i + 1}</kbd>
        </button>
      ))}
    </nav>
  );
}
