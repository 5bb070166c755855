// main/crash-guard.ts over a real core (SQLite trading state in a temp dir, venues off) with
// stand-ins for the two emitters Electron and Node give it: each crash moves trading to its
// safer state through the automatic-guard path (persisted, announced), is notified, a crashed
// renderer is reloaded (a crash loop is not), and nothing exits. The real process's handlers are
// exercised in tests/integration/shell/crash-guard-process.test.ts.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCrashGuard } from '../../../main/crash-guard';
import { crashResponse } from '../../../main/crash-policy';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

let data: { dir: string; cleanup: () => void };
let core: Core;
let proc: EventEmitter;
let app: EventEmitter;
let notices: { title: string; body: string }[];
let now: number;

beforeEach(async () => {
  data = tempDir('fundingbot-crash-');
  core = await createCore({ dataDir: data.dir, mode: 'sim', log: silentLogger, startVenues: false });
  proc = new EventEmitter();
  app = new EventEmitter();
  notices = [];
  now = 1_000_000;
  installCrashGuard({ process: proc, app: app as never, core: () => core, notify: (title, body) => notices.push({ title, body }), log: silentLogger, now: () => now });
});

afterEach(async () => {
  await core.close();
  data.cleanup();
});

function contents() {
  return { reload: vi.fn(), isDestroyed: () => false };
}

describe('the crash guard', () => {
  it('an uncaught exception halts trading (the core is in doubt), notifies, and does not exit', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    expect(core.tradingState().state).toBe('ACTIVE');
    proc.emit('uncaughtException', new TypeError('x is not a function'));
    expect(core.tradingState()).toMatchObject({ state: 'HALTED', reason: 'shell: uncaught exception in the main process: TypeError: x is not a function' });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('HALTED');
    expect(exit).not.toHaveBeenCalled();
    exit.mockRestore();
  });

  it('an unhandled rejection moves trading to REDUCING', () => {
    proc.emit('unhandledRejection', new Error('socket hang up'));
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'shell: unhandled promise rejection in the main process: Error: socket hang up' });
    expect(notices.map((n) => n.title)).toEqual(['Fundingbot: unhandled promise rejection in the main process']);
  });

  it('the state change is the persisted, announced one: a reopened core reads it', async () => {
    const seen: string[] = [];
    core.events.subscribe('trading.state.changed', (s) => seen.push(s.state));
    proc.emit('unhandledRejection', 'plain string');
    expect(seen).toEqual(['REDUCING']);
    await core.close();
    core = await createCore({ dataDir: data.dir, mode: 'sim', log: silentLogger, startVenues: false });
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'shell: unhandled promise rejection in the main process: plain string' });
  });

  it('a crashed renderer moves trading to REDUCING and is reloaded; a clean exit is not a crash', () => {
    const wc = contents();
    app.emit('render-process-gone', {}, wc, { reason: 'clean-exit', exitCode: 0 });
    expect(core.tradingState().state).toBe('ACTIVE');
    expect(wc.reload).not.toHaveBeenCalled();
    app.emit('render-process-gone', {}, wc, { reason: 'crashed', exitCode: 139 });
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'shell: the window crashed: reason crashed, exit code 139' });
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(notices).toHaveLength(1);
  });

  it('a renderer that keeps crashing is reloaded three times a minute at most', () => {
    const wc = contents();
    for (let i = 0; i < 5; i++) app.emit('render-process-gone', {}, wc, { reason: 'oom', exitCode: 1 });
    expect(wc.reload).toHaveBeenCalledTimes(3);
    now += 60_000;
    app.emit('render-process-gone', {}, wc, { reason: 'oom', exitCode: 1 });
    expect(wc.reload).toHaveBeenCalledTimes(4);
  });

  it('a crashed child process (GPU) moves trading to REDUCING', () => {
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'shell: a helper process crashed: GPU: reason crashed, exit code 9' });
  });

  it('only tightens: a rejection after the halt leaves HALTED', () => {
    proc.emit('uncaughtException', new Error('a'));
    proc.emit('unhandledRejection', new Error('b'));
    expect(core.tradingState().state).toBe('HALTED');
  });

  it('a crash before the core runs is logged and notified, and the handler itself never throws', () => {
    const p = new EventEmitter();
    const n: string[] = [];
    installCrashGuard({ process: p, app: new EventEmitter() as never, core: () => null, notify: (t) => n.push(t), log: silentLogger });
    expect(() => p.emit('uncaughtException', new Error('early'))).not.toThrow();
    expect(n).toEqual(['Fundingbot: uncaught exception in the main process']);
    const broken = new EventEmitter();
    installCrashGuard({ process: broken, app: new EventEmitter() as never, core: () => ({ tighten: () => { throw new Error('db closed'); } }), notify: () => undefined, log: silentLogger });
    expect(() => broken.emit('unhandledRejection', new Error('x'))).not.toThrow();
  });
});

describe('the crash policy', () => {
  it('halts only where the core is in doubt', () => {
    expect(crashResponse({ kind: 'uncaught-exception', detail: 'e' }).state).toBe('HALTED');
    for (const kind of ['unhandled-rejection', 'renderer-gone', 'child-process-gone'] as const) expect(crashResponse({ kind, detail: 'e' }).state).toBe('REDUCING');
    expect(crashResponse({ kind: 'renderer-gone', detail: 'e' }).reloadRenderer).toBe(true);
    expect(crashResponse({ kind: 'child-process-gone', detail: 'e' }).reloadRenderer).toBe(false);
  });
});
