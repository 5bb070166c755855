// Listening for the simulator's servers: a port already taken rejects with PortBusyError naming
// what wanted it (node's 'error' event, left unhandled, would crash the process with a stack
// trace instead of letting the CLI say which port and which flag).
import type { Server } from 'node:net';

export class PortBusyError extends Error {
  override readonly name = 'PortBusyError';
  constructor(
    readonly what: string,
    readonly port: number,
  ) {
    super(`${what}: port ${port} on 127.0.0.1 is already in use`);
  }
}

export function listen(server: Server, port: number, host: string, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => reject(e.code === 'EADDRINUSE' ? new PortBusyError(what, port) : e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
