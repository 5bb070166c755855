// Whether the core is reachable, from two signals: the WebSocket's state (headless: a killed
// core closes the socket at once) and the heartbeat's age (a core that hangs, or Electron's IPC,
// which has no socket). The banner (components/ConnectionBanner.tsx) shows when either says lost.
import { create } from 'zustand';

/** The socket as the transport sees it; 'none' under Electron IPC (no socket to lose). */
export type SocketState = 'none' | 'connecting' | 'open' | 'closed';

/** A heartbeat older than this means the core is lost. The core beats every
 *  settings.app.heartbeatIntervalMs (default 1 s); three missed beats with that default. With a
 *  slower configured beat the threshold is one interval plus this margin. */
export const HEARTBEAT_LOST_MS = 3_000;
const MARGIN_MS = 2_000;

export function lostThresholdMs(heartbeatIntervalMs: number | null): number {
  return heartbeatIntervalMs === null ? HEARTBEAT_LOST_MS : Math.max(HEARTBEAT_LOST_MS, heartbeatIntervalMs + MARGIN_MS);
}

export interface ConnectionView {
  readonly lost: boolean;
  readonly why: 'socket-closed' | 'heartbeat-stale' | null;
}

/** `heartbeatAtMs` null = no beat yet: lost only once the socket dropped or the first beat is late
 *  by the threshold since the socket opened. */
export function connectionView(socket: SocketState, openedAtMs: number | null, heartbeatAtMs: number | null, nowMs: number, thresholdMs: number): ConnectionView {
  if (socket === 'closed') return { lost: true, why: 'socket-closed' };
  if (socket === 'connecting') return { lost: false, why: null };
  // A beat from before a reconnect says nothing about the new socket: count from the later one.
  const since = heartbeatAtMs === null ? openedAtMs : openedAtMs === null ? heartbeatAtMs : Math.max(heartbeatAtMs, openedAtMs);
  if (since !== null && nowMs - since > thresholdMs) return { lost: true, why: 'heartbeat-stale' };
  return { lost: false, why: null };
}

export interface ConnectionState {
  socket: SocketState;
  openedAtMs: number | null;
  /** When the socket last closed (null while open or never opened). */
  closedAtMs: number | null;
  setSocket(socket: SocketState): void;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  socket: 'none',
  openedAtMs: null,
  closedAtMs: null,
  setSocket: (socket) =>
    set((s) => {
      // Reconnect attempts after a loss stay 'closed' until one opens (no flicker of the banner).
      if (socket === s.socket || (socket === 'connecting' && s.socket === 'closed')) return s;
      const now = Date.now();
      if (socket === 'open') return { socket, openedAtMs: now, closedAtMs: null };
      if (socket === 'closed') return { socket, closedAtMs: s.closedAtMs ?? now };
      return { socket };
    }),
}));
