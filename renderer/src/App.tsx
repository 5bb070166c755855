import { useEffect } from 'react';
import { useApi } from './api/context';
import { useAppStore } from './store/app-store';
import { useScreenerStore } from './store/ui-screener';
import { useHealthStore } from './store/ui-health';
import { SCREENS, useNavStore } from './store/ui-nav';
import { TopBar } from './components/TopBar';
import { Nav } from './shell/Nav';
import { SettingsScreen } from './screens/SettingsScreen';
import { ScreenerScreen } from './screens/ScreenerScreen';
import { HealthScreen } from './screens/HealthScreen';
import { PositionsScreen } from './screens/PositionsScreen';
import { HistoryScreen } from './screens/HistoryScreen';
import { Toasts } from './components/Toasts';
import { useNotices } from './api/use-notices';
import { useLiveArmedSubscription } from './screens/KeysPanel';
import { ConnectionBanner } from './components/ConnectionBanner';
import { OpenPairDialog } from './components/OpenPairDialog';

export function App(): React.JSX.Element {
  const api = useApi();
  const { setInfo, setSettings, setHeartbeat, setTradingState } = useAppStore();
  const applyRows = useScreenerStore((s) => s.applyRows);
  const setHealth = useHealthStore((s) => s.set);
  const { screen, go } = useNavStore();
  useNotices();
  useLiveArmedSubscription();

  useEffect(() => {
    void api.query('app.info').then((r) => r.ok && setInfo(r.value));
    void api.query('settings.get').then((r) => r.ok && setSettings(r.value));
    void api.query('trading.state.get').then((r) => r.ok && setTradingState(r.value));
    void api.query('screener.list').then((r) => r.ok && applyRows(r.value.rows));
    void api.query('health.snapshot').then((r) => r.ok && setHealth(r.value));
    const offs = [
      api.on('app.heartbeat', setHeartbeat),
      api.on('settings.changed', setSettings),
      api.on('trading.state.changed', setTradingState),
      // One store update per batch: the core sends at most 10 batches a second.
      api.on('screener.update', (u) => applyRows(u.rows)),
      api.on('health.update', setHealth),
    ];
    return () => offs.forEach((off) => off());
  }, [api, setInfo, setSettings, setHeartbeat, setTradingState, applyRows, setHealth]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      const target = SCREENS[i];
      if (target !== undefined) go(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      <div className="body">
        <Nav />
        <main className="content" data-testid={`screen-${screen}`}>
          {screen === 'screener' && <ScreenerScreen />}
          {screen === 'health' && <HealthScreen />}
          {screen === 'settings' && <SettingsScreen />}
          {screen === 'positions' && <PositionsScreen />}
          {screen === 'history' && <HistoryScreen />}
        </main>
      </div>
      <OpenPairDialog />
      <Toasts />
    </div>
  );
}
