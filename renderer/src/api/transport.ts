// Picks the transport: Electron's preload provides window.api; in a browser (npm run serve) the
// page talks to the host over a WebSocket, authenticated by the token in its own URL.
import type { RawApi } from '../../../src-core/api/raw-api';
import { createWsTransport } from './ws-transport';

declare global {
  interface Window {
    api?: RawApi;
  }
}

export function pickTransport(): RawApi {
  if (window.api !== undefined) return window.api;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return createWsTransport(url);
}
