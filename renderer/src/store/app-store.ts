import { create } from 'zustand';
import type { EventPayload, QueryOutput } from '../../../src-core/api/contract';

type Settings = QueryOutput<'settings.get'>;
type Info = QueryOutput<'app.info'>;
type Heartbeat = EventPayload<'app.heartbeat'>;
type TradingStateView = QueryOutput<'trading.state.get'>;

export interface AppState {
  info: Info | null;
  settings: Settings | null;
  heartbeat: Heartbeat | null;
  heartbeatAtMs: number | null;
  tradingState: TradingStateView | null;
  setInfo(info: Info): void;
  setSettings(settings: Settings): void;
  setHeartbeat(hb: Heartbeat): void;
  setTradingState(s: TradingStateView): void;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  settings: null,
  heartbeat: null,
  heartbeatAtMs: null,
  tradingState: null,
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
  setHeartbeat: (heartbeat) => set({ heartbeat, heartbeatAtMs: Date.now() }),
  setTradingState: (tradingState) => set({ tradingState }),
}));
