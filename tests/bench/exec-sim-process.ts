// exec.bench.ts's pair harness with the simulator in a child process (exec-sim-child.ts): the
// trading side (pair-harness.ts startPairCore) in this process, the venues in another, over the
// same loopback sockets. The counterparty's take is a message to the child; the bench awaits
// the fill it causes, as before.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Side, VenueId } from '../../src-core/domain/venue';
import { startPairCore, type PairCore, type SimEndpoints } from '../integration/execution/pair-harness';

export interface ExecSimRequest {
  readonly id: number;
  readonly venue: VenueId;
  readonly ourSide: Side;
  readonly price: string;
  readonly steps: number;
}
export type ExecSimReply = { readonly kind: 'reply'; readonly id: number; readonly error: string | null };
type ChildMessage = ExecSimReply | { readonly kind: 'ready'; readonly at: SimEndpoints };

export interface RemotePairHarness extends PairCore {
  /** Another account takes `steps` at `price` against our resting order (in the child). */
  counterpartyTake(venue: VenueId, ourSide: Side, price: string, steps: number): void;
}

const READY_DEADLINE_MS = 60_000;

export async function remotePairHarness(): Promise<RemotePairHarness> {
  const child: ChildProcess = fork(join(__dirname, 'exec-sim-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const at = await new Promise<SimEndpoints>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator child did not start within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
    child.once('exit', (code) => reject(new Error(`the simulator child exited (${code}) before it was ready`)));
    child.on('message', (m: ChildMessage) => {
      if (m.kind !== 'ready') return;
      clearTimeout(timer);
      resolve(m.at);
    });
  });
  let nextId = 1;
  const failures: string[] = [];
  child.on('message', (m: ChildMessage) => {
    if (m.kind === 'reply' && m.error !== null) failures.push(m.error);
  });
  const core = await startPairCore(at);
  const closeCore = core.close;
  return Object.assign(core, {
    counterpartyTake(venue: VenueId, ourSide: Side, price: string, steps: number) {
      // A refusal is seen by the next call (the bench then waits for a fill that never comes and
      // takes again; the refusal reaches its error output here).
      if (failures.length > 0) throw new Error(`counterparty order refused: ${failures.shift()}`);
      const req: ExecSimRequest = { id: nextId++, venue, ourSide, price, steps };
      child.send(req);
    },
    async close() {
      await closeCore();
      child.disconnect();
      await exited;
    },
  });
}
