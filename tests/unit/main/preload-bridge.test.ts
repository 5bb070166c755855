// preload/index.ts with Electron mocked: the page gets exactly one global, `api`, with `call`,
// `on` and the desktop export (`saveLedgerExport`, main/export-save.ts); nothing of ipcRenderer or Node crosses the bridge, and calls go only to the one
// invoke channel main checks the sender of.
import { describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: vi.fn(async () => ({ ok: true, value: 1 })),
  listeners: new Map<string, (...a: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => mocks.exposed.push([key, value]) },
  ipcRenderer: { invoke: mocks.invoke, on: (ch: string, fn: (...a: unknown[]) => void) => mocks.listeners.set(ch, fn) },
}));

describe('preload bridge', () => {
  it('exposes only window.api {call, on, saveLedgerExport}, all functions, no Electron object', async () => {
    await import('../../../preload/index');
    expect(mocks.exposed.map(([k]) => k)).toEqual(['api']);
    const api = mocks.exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'saveLedgerExport']);
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect([...mocks.listeners.keys()]).toEqual(['api:event']);
  });

  it('sends calls as frames on api:call only, and delivers pushed events to subscribers', async () => {
    const api = mocks.exposed[0]![1] as { call: (k: string, c: string, p: unknown) => Promise<unknown>; on: (e: string, cb: (p: unknown) => void) => () => void };
    await api.call('query', 'health.get', {});
    expect(mocks.invoke).toHaveBeenCalledWith('api:call', { id: 1, kind: 'query', channel: 'health.get', payload: {} });
    const seen: unknown[] = [];
    const off = api.on('fills.new', (p) => seen.push(p));
    mocks.listeners.get('api:event')!({}, { event: 'fills.new', payload: { n: 1 } });
    off();
    mocks.listeners.get('api:event')!({}, { event: 'fills.new', payload: { n: 2 } });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('sends the desktop export on main\'s export channel with the filter only', async () => {
    const { IPC_EXPORT_LEDGER } = await import('../../../main/export-save');
    const api = mocks.exposed[0]![1] as { saveLedgerExport: (i: unknown) => Promise<unknown> };
    await api.saveLedgerExport({ symbol: 'ETH' });
    expect(mocks.invoke).toHaveBeenLastCalledWith(IPC_EXPORT_LEDGER, { symbol: 'ETH' });
  });
});
