import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { useAppStore } from '../store/app-store';
import type { QueryOutput } from '../../../src-core/api/contract';
import { NotificationsPanel } from './NotificationsPanel';

type TradingSettings = QueryOutput<'settings.get'>['trading'];
type NumericTradingKey = { [K in keyof TradingSettings]: TradingSettings[K] extends number ? K : never }[keyof TradingSettings];

interface Field {
  readonly section: 'trading';
  readonly key: NumericTradingKey;
  readonly label: string;
  readonly unit: string;
}

// The trading section is what the screener sizes and costs every row with (and what the
// executor will trade), so a change here shows in the screener on its next update.
const FIELDS: readonly Field[] = [
  { section: 'trading', key: 'notionalPerPairUsd', label: 'Notional per leg', unit: 'USD' },
  { section: 'trading', key: 'maxOpenPairs', label: 'Max open pairs', unit: 'pairs' },
  { section: 'trading', key: 'leverageMultiple', label: 'Leverage', unit: '×' },
  { section: 'trading', key: 'maxSlippageBps', label: 'Slippage budget', unit: 'bps' },
  { section: 'trading', key: 'makerTimeoutMs', label: 'Maker timeout', unit: 'ms' },
  { section: 'trading', key: 'cooldownMinutes', label: 'Cooldown after close', unit: 'min' },
];

export function SettingsScreen(): React.JSX.Element {
  const api = useApi();
  const settings = useAppStore((s) => s.settings);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings === null) return;
    setDraft(Object.fromEntries(FIELDS.map((f) => [f.key, String(settings[f.section][f.key])])));
  }, [settings]);

  const save = async (): Promise<void> => {
    setSaved(false);
    const trading: Record<string, number> = {};
    for (const f of FIELDS) trading[f.key] = Number(draft[f.key]);
    const r = await api.command('settings.update', { trading });
    if (r.ok) {
      setError(null);
      setSaved(true);
    } else {
      setError(r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') ?? r.error.message);
    }
  };

  return (
    <>
    <section className="panel" data-testid="settings">
      <h2>Settings</h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input
              data-testid={`setting-${f.key}`}
              inputMode="decimal"
              className="num"
              value={draft[f.key] ?? ''}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            />
            <span className="unit">{f.unit}</span>
          </label>
        ))}
        <div className="actions">
          <button type="submit" data-testid="settings-save">
            Save
          </button>
          {saved && <span className="ok" data-testid="settings-saved">Saved</span>}
          {error !== null && (
            <span className="error" data-testid="settings-error">
              {error}
            </span>
          )}
        </div>
      </form>
    </section>
    <NotificationsPanel />
    </>
  );
}
