// Starting, asking and killing the crash suite's two child processes (sim-child.ts,
// core-child.ts) over Node's IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ExternalSimulator } from '../../src-core/host/venues';
import type { ChildMessage, CoreRequest, SimRequest } from './sim-protocol';

/** How long a child may take to answer a request or to come up: far beyond what any takes (a
 *  core starts and reconciles in ~2 s), so reaching it is a hang to report, never a slow machine. */
export const REQUEST_DEADLINE_MS = 60_000;

export class Child {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: ChildMessage) => void)[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';

  constructor(readonly proc: ChildProcess, readonly name: string) {
    proc.on('message', (raw) => {
      const m = raw as ChildMessage;
      if (m.kind === 'reply') {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.ok) w?.resolve(m.value);
        else w?.reject(new Error(`${name}: ${m.error ?? 'failed'}`));
      }
      for (const l of [...this.listeners]) l(m);
    });
    // Errors of the channel reach the senders' callbacks (request); any other (a failed spawn)
    // is kept with the stderr tail a failure shows, not thrown at the suite.
    proc.on('error', (e) => {
      this.stderr = `${this.stderr}\n${name}: ${e.message}`.slice(-4_000);
    });
    proc.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4_000);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        for (const w of this.waiting.values()) w.reject(new Error(`${name} exited (${signal ?? code}) before answering`));
        this.waiting.clear();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** The tail of what the child wrote on stderr (shown when it failed). */
  errorOutput(): string {
    return this.stderr;
  }

  /** Asks the child; rejects when it exits first or has not answered within `timeoutMs`. */
  request<T>(req: SimRequest | CoreRequest, timeoutMs = REQUEST_DEADLINE_MS): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: '${req.op}' not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = <A>(f: (a: A) => void) => (a: A) => {
        clearTimeout(timer);
        f(a);
      };
      const w = { resolve: settle(resolve as (v: unknown) => void), reject: settle(reject) };
      this.waiting.set(id, w);
      // A send to a child that already exited fails through the callback: without one, Node
      // emits it as an 'error' on the process and the whole suite died (soak, kill 178).
      this.proc.send({ ...req, id }, (e) => {
        if (e === null) return;
        this.waiting.delete(id);
        w.reject(new Error(`${this.name}: '${req.op}' could not be sent: ${e.message}`));
      });
    });
  }

  /** The next message of a kind (or every later one through `on`); rejects when the child exits
   *  first or, given `timeoutMs`, when none came by then. */
  next<K extends ChildMessage['kind']>(kind: K, timeoutMs?: number): Promise<Extract<ChildMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
        off();
        reject(new Error(`${this.name}: no '${kind}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((m) => {
        if (m.kind !== kind) return;
        off();
        clearTimeout(timer);
        resolve(m as Extract<ChildMessage, { kind: K }>);
      });
      void this.exited.then(({ code, signal }) => {
        off();
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${signal ?? code}) before '${kind}': ${this.stderr}`));
      });
    });
  }

  on(cb: (m: ChildMessage) => void): () => void {
    this.listeners.push(cb);
    return () => {
      const i = this.listeners.indexOf(cb);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  kill(): Promise<unknown> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    return this.exited;
  }
}

function forkTs(file: string, args: readonly string[], name: string): Child {
  const proc = fork(join(__dirname, file), [...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  return new Child(proc, name);
}

export async function startSimChild(seed: number): Promise<{ child: Child; endpoints: ExternalSimulator }> {
  const child = forkTs('sim-child.ts', [String(seed)], 'simulator');
  const ready = (await child.next('ready')) as unknown as { endpoints: ExternalSimulator };
  return { child, endpoints: ready.endpoints };
}

export interface CoreChild {
  readonly child: Child;
  readonly wsUrl: string;
  readonly spawnedAtMs: number;
  /** When its WebSocket server listened: the startup reconciliation is under way by then. */
  readonly listeningAtMs: number;
  /** Resolves with the time the first reconciliation completed (rejects if the process died or
   *  had not reconciled within REQUEST_DEADLINE_MS of its start). */
  readonly reconciled: Promise<number>;
}

/** Starts the core on `dataDir`; resolves once its WebSocket server listens. `beforeStart` runs
 *  with the new process's pid before the core is built (e.g. to arm a trap on what its startup
 *  sends); the process waits for it. */
export async function startCoreChild(dataDir: string, endpoints: ExternalSimulator, beforeStart?: (pid: number) => Promise<void>): Promise<CoreChild> {
  const spawnedAtMs = Date.now();
  const child = forkTs('core-child.ts', [dataDir, JSON.stringify(endpoints), ...(beforeStart === undefined ? [] : ['wait-for-go'])], 'core');
  if (beforeStart !== undefined) {
    await beforeStart(child.pid);
    child.proc.send({ op: 'go' });
  }
  const reconciled = child.next('reconciled', REQUEST_DEADLINE_MS).then((m) => m.atMs);
  reconciled.catch(() => undefined);
  const ready = (await child.next('ready', REQUEST_DEADLINE_MS).catch(async (e: unknown) => {
    await child.kill();
    throw e;
  })) as unknown as { wsUrl: string };
  return { child, wsUrl: ready.wsUrl, spawnedAtMs, listeningAtMs: Date.now(), reconciled };
}
