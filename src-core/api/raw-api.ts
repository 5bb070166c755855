// The transport-free surface the renderer sees as `window.api`. Electron's preload implements it
// over ipcRenderer; the browser build implements it over the headless host's WebSocket. The
// typed client in renderer/ wraps it, so UI code never knows which transport it has.
import type { Result } from './envelope';

export type CallKind = 'query' | 'command';

export interface RawApi {
  call(kind: CallKind, channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
