// The crash guard on a real Node process (tests/integration/shell/crash-child.ts hosts a core as
// Electron main does): an exception thrown from a timer and a rejection nobody awaited, which
// would end a process without handlers, leave it running with trading moved to HALTED and
// REDUCING.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

interface StateMsg {
  kind: 'state';
  state: { state: string; reason: string };
  notices: string[];
  pid: number;
}

let child: ChildProcess | null = null;
let data: { dir: string; cleanup: () => void } | null = null;

afterEach(() => {
  child?.disconnect();
  child = null;
  data?.cleanup();
  data = null;
});

async function start(): Promise<ChildProcess> {
  data = tempDir('fundingbot-crash-proc-');
  const c = fork(join(__dirname, 'crash-child.ts'), [data.dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child = c;
  await new Promise<void>((resolve, reject) => {
    c.once('message', () => resolve());
    c.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  return c;
}

function ask(c: ChildProcess): Promise<StateMsg> {
  return new Promise((resolve, reject) => {
    if (c.exitCode !== null || c.signalCode !== null) return reject(new Error(`the process exited (${c.exitCode ?? c.signalCode})`));
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`the process exited (${code ?? signal})`));
    c.once('exit', onExit);
    c.once('message', (m) => {
      c.off('exit', onExit);
      resolve(m as StateMsg);
    });
    c.send('state');
  });
}

describe('the crash guard on a real process', () => {
  it('an uncaught exception leaves the process running and trading HALTED', async () => {
    const c = await start();
    c.send('throw');
    const s = await pollUntil(() => ask(c), { until: (m) => m.state.state === 'HALTED', what: 'HALTED after the throw' });
    expect(s.state.reason).toBe('shell: uncaught exception in the main process: Error: thrown from a timer');
    expect(s.notices).toEqual(['Fundingbot: uncaught exception in the main process']);
    expect(c.exitCode).toBeNull();
  });

  it('an unhandled rejection leaves the process running and trading REDUCING', async () => {
    const c = await start();
    c.send('reject');
    const s = await pollUntil(() => ask(c), { until: (m) => m.state.state === 'REDUCING', what: 'REDUCING after the rejection' });
    expect(s.state.reason).toBe('shell: unhandled promise rejection in the main process: Error: nobody awaited this');
    expect(c.exitCode).toBeNull();
  });
});
