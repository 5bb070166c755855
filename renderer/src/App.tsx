import { useEffect } from 'react';
import { useApi } from './api/context';
import { useAppStore } from './store/app-store';
import { TopBar } from './components/TopBar';
import { SettingsScreen } from './screens/SettingsScreen';

export function App(): React.JSX.Element {
  const api = useApi();
  const { setInfo, setSettings, setHeartbeat, setTradingState } = useAppStore();

  useEffect(() => {
    void api.query('app.info').then((r) => r.ok && setInfo(r.value));
    void api.query('settings.get').then((r) => r.ok && setSettings(r.value));
    void api.query('trading.state.get').then((r) => r.ok && setTradingState(r.value));
    const offs = [
      api.on('app.heartbeat', setHeartbeat),
      api.on('settings.changed', setSettings),
      api.on('trading.state.changed', setTradingState),
    ];
    return () => offs.forEach((off) => off());
  }, [api, setInfo, setSettings, setHeartbeat, setTradingState]);

  return (
    <div className="app">
      <TopBar />
      <main className="content">
        <SettingsScreen />
      </main>
    </div>
  );
}
