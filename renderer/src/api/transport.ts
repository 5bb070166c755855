// Picks the transport: Electron's preload provides window.api; in a browser (npm run serve) the
// page talks to the host over a WebSocket, authenticated by the token from its first URL (then
// removed from the address bar) or, after a reload, by the host's HttpOnly cookie alone.
import type { RawApi } from '../../../src-core/api/raw-api';
import { createWsTransport } from './ws-transport';
import { takeUrlToken } from './url-token';
import { useConnectionStore } from '../store/ui-connection';

declare global {
  interface Window {
    api?: RawApi;
  }
}

export function pickTransport(): RawApi {
  if (window.api !== undefined) return window.api;
  const token = takeUrlToken(window.location, window.history);
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return createWsTransport(`ws://${window.location.host}/api${query}`, undefined, useConnectionStore.getState().setSocket);
}
