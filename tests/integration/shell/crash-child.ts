// A process that hosts a core (venues off) with the shell's crash guard on the REAL process
// object, as Electron main does: the test tells it to throw or reject at top level, then asks
// whether it is still alive and what trading state the core holds.
import { EventEmitter } from 'node:events';
import { installCrashGuard } from '../../../main/crash-guard';
import { createCore } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';

async function main(): Promise<void> {
  const core = await createCore({ dataDir: process.argv[2]!, mode: 'sim', log: silentLogger, startVenues: false });
  const notices: string[] = [];
  installCrashGuard({ process, app: new EventEmitter() as never, core: () => core, notify: (t) => notices.push(t), log: silentLogger });
  process.on('message', (m) => {
    if (m === 'throw') {
      setTimeout(() => {
        throw new Error('thrown from a timer');
      }, 0);
    } else if (m === 'reject') {
      void Promise.reject(new Error('nobody awaited this'));
    } else if (m === 'state') {
      process.send?.({ kind: 'state', state: core.tradingState(), notices, pid: process.pid });
    }
  });
  process.on('disconnect', () => void core.close().finally(() => process.exit(0)));
  process.send?.({ kind: 'ready' });
}

void main();
