// Plumbing both protocol faces share: dropping every socket on a disconnect fault, the periodic
// disconnect ("every N ms") read from the fault registry, and an orderly close.
import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';
import type { VenueId } from '../../domain/venue';
import type { SimEngine } from './engine/engine';
import type { FaultInjector } from './faults/faults';

export function wireDisconnectFaults(venue: VenueId, engine: SimEngine, faults: FaultInjector, wss: WebSocketServer): () => void {
  const off = faults.onDisconnect((v) => {
    if (v === venue) for (const c of wss.clients) c.terminate();
  });
  let periodicStop: (() => void) | null = null;
  let periodicMs: number | null = null;
  const watch = engine.clock.every(1_000, () => {
    const every = faults.disconnectInterval(venue);
    if (every === periodicMs) return;
    periodicStop?.();
    periodicMs = every;
    periodicStop = every === null ? null : engine.clock.every(every, () => faults.disconnect(venue));
  });
  return () => {
    off();
    watch();
    periodicStop?.();
  };
}

export async function closeFace(server: Server, wss: WebSocketServer, unwire: () => void): Promise<void> {
  unwire();
  for (const c of wss.clients) c.terminate();
  await new Promise<void>((r) => wss.close(() => r()));
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

/** Node's default keep-alive (5 s) lets a client reuse an idle socket just as the server closes
 *  it whenever the event loop stalls (a busy machine), and that request fails with ECONNRESET.
 *  A minute matches common load balancers (AWS ALB's default idle timeout is 60 s); clients
 *  read the Keep-Alive header and close their side a second earlier. */
export const FACE_KEEP_ALIVE_MS = 65_000;
