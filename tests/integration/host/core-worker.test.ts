// The core in a worker thread (src-core/host/worker/), through the proxy Electron's main uses:
// a real core (embedded simulator, SQLite in a temp dir) answers a contract query and a command,
// forwards its events, reports exposure, refuses a message that is not the protocol with a typed
// error and no change, closes in bounded time; a worker that dies is reported and restarted
// HALTED.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWithin } from '../../../src-core/host/shutdown';
import { sourceEntry } from '../../../src-core/host/worker/entry-file';
import { startCoreWorker, type CoreCrashKind, type CoreWorker } from '../../../src-core/host/worker/proxy';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function started(entry = sourceEntry(), onCrash?: (kind: CoreCrashKind, detail: string) => void): Promise<CoreWorker> {
  const t = tempDir('fundingbot-worker-');
  cleanups.push(t.cleanup);
  const core = await startCoreWorker({ dataDir: t.dir, mode: 'sim', transport: 'ipc', logLevel: 'silent' }, { entry, log: silentLogger, ...(onCrash === undefined ? {} : { onCrash }) });
  cleanups.push(() => core.close());
  return core;
}

describe('the core in a worker thread', () => {
  it('answers queries and commands, forwards events, reads exposure, closes in bounded time', async () => {
    const core = await started();
    const info = await core.dispatcher.call('query', 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'sim', transport: 'ipc' } });
    expect(core.tradingState().state).toBe('ACTIVE');

    const seen: string[] = [];
    core.events.subscribe('trading.state.changed', (s) => seen.push(s.state));
    const set = await core.dispatcher.call('command', 'trading.state.set', { state: 'REDUCING', reason: 'worker test' });
    expect(set.ok).toBe(true);
    await pollUntil(() => seen, { until: (s) => s.includes('REDUCING'), what: 'the trading.state.changed event from the worker' });
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'worker test' });
    // The embedded simulator's fault endpoint is described for main's terminal.
    expect(core.simulatorLines[0]).toBe('Embedded venue simulator:');

    expect(await core.exposure()).toEqual({ openPairs: 0, ordersInFlight: 0 });
    // An automatic guard tightens; it cannot loosen.
    expect(await core.tighten('HALTED', 'worker test: guard')).toMatchObject({ ok: true, value: { state: 'HALTED' } });

    expect(await closeWithin(core, 10_000)).toEqual({ closed: true, error: null });
    expect(core.running()).toBe(false);
    expect(await core.dispatcher.call('query', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await expect(core.exposure()).rejects.toThrow(/UNAVAILABLE/);
  });

  it('refuses a message that is not the protocol with a typed error and changes nothing', async () => {
    const core = await started();
    // Through the proxy: a state the protocol does not know (types forbid it; the worker checks).
    expect(await core.tighten('PAUSED' as never, 'bogus')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // A payload that cannot cross a thread is refused before it is sent.
    expect(await core.dispatcher.call('command', 'trading.state.set', { state: 'HALTED', reason: 'x', f: () => 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await core.dispatcher.call('query', 'trading.state.get', {})).toMatchObject({ ok: true, value: { state: 'ACTIVE' } });
    expect(core.tradingState().state).toBe('ACTIVE');
  });

  it('answers a raw message with an unknown op BAD_REQUEST under its id', async () => {
    const t = tempDir('fundingbot-worker-raw-');
    cleanups.push(t.cleanup);
    const entry = sourceEntry();
    const w = new Worker(entry.code, { eval: entry.eval, workerData: { dataDir: t.dir, mode: 'sim', logLevel: 'silent' } });
    cleanups.push(async () => void (await w.terminate()));
    const got: unknown[] = [];
    w.on('message', (m) => got.push(m));
    await pollUntil(() => got.find((m) => (m as { type: string }).type === 'ready'), { what: 'the worker ready' });
    w.postMessage({ id: 7, op: 'drop-tables' });
    w.postMessage({ id: 8, op: 'call', kind: 'command', channel: 'trading.state.set', payload: { state: 'HALTED', reason: 'r' }, extra: 1 });
    w.postMessage({ id: 9, op: 'call', kind: 'query', channel: 'trading.state.get', payload: {} });
    const reply = (id: number) => got.find((m) => (m as { type: string; id?: number }).type === 'reply' && (m as { id: number }).id === id) as { result: { ok: boolean; value?: { state: string }; error?: { code: string } } } | undefined;
    await pollUntil(() => reply(9), { what: 'the state query reply' });
    expect(reply(7)!.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply(8)!.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reply(9)!.result).toMatchObject({ ok: true, value: { state: 'ACTIVE' } });
    w.postMessage({ id: 10, op: 'close' });
    await pollUntil(() => reply(10), { what: 'the close reply' });
  });

  it('an exception nobody caught in the worker is reported and the core keeps serving', async () => {
    const base = sourceEntry();
    const throwing = { eval: true, code: `${base.code} require('node:worker_threads').parentPort.on('message', (m) => { if (m && m.channel === 'test.throw') setImmediate(() => { throw new Error('boom in the core'); }); });` };
    const crashes: string[] = [];
    const core = await started(throwing, (kind, detail) => crashes.push(`${kind}: ${detail}`));
    await core.dispatcher.call('command', 'test.throw', {});
    await pollUntil(() => crashes, { until: (c) => c.length === 1, what: 'the crash report' });
    expect(crashes).toEqual(['uncaught-exception: Error: boom in the core']);
    expect(await core.dispatcher.call('query', 'trading.state.get', {})).toMatchObject({ ok: true, value: { state: 'ACTIVE' } });
    expect(core.running()).toBe(true);
  });

  it('a worker that dies is reported, restarted, and the restarted core is HALTED', async () => {
    // The real entry, plus a way to make the thread die as a crash would (a test-only channel
    // name seen before the core's own handler, which answers it UNKNOWN_CHANNEL).
    const base = sourceEntry();
    const dying = { eval: true, code: `${base.code} require('node:worker_threads').parentPort.on('message', (m) => { if (m && m.channel === 'test.die') process.exit(3); });` };
    const crashes: string[] = [];
    const core = await started(dying, (kind) => crashes.push(kind));
    expect(core.tradingState().state).toBe('ACTIVE');
    expect(await core.dispatcher.call('command', 'test.die', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(crashes).toEqual(['worker-gone']);
    await pollUntil(() => core.tradingState(), { until: (s) => s.state === 'HALTED', what: 'the restarted core HALTED', timeoutMs: 60_000 });
    expect(core.tradingState().reason).toMatch(/^shell: the core stopped \(.*exit code 3\)\) and was restarted/);
    expect(await core.dispatcher.call('query', 'trading.state.get', {})).toMatchObject({ ok: true, value: { state: 'HALTED' } });
  });
});
