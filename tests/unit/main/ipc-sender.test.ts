// main/ipc.ts with Electron mocked: a call from a sub-frame, another file, another origin or a
// frame-less sender is answered UNAUTHORIZED and never reaches the dispatcher; a malformed frame
// from our page is BAD_REQUEST; a well-formed one from our page is dispatched.
import { describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, frame: unknown) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: { handle: (ch: string, fn: never) => mocks.handlers.set(ch, fn), removeHandler: (ch: string) => mocks.handlers.delete(ch) },
}));

import { IPC_CALL, registerIpc } from '../../../main/ipc';

const ENTRY = 'file:///opt/Fundingbot/resources/app.asar/out/renderer/index.html';
const frame = { id: 1, kind: 'query', channel: 'health.get', payload: {} };
const main = { parent: null };

describe('IPC sender validation', () => {
  // The transport is under test; the core behind it is represented by its two entry points.
  const call = vi.fn(async () => ({ ok: true, value: 'dispatched' }));
  const core = { dispatcher: { call }, events: { subscribeAll: () => () => undefined } };
  const off = registerIpc(core as never, ENTRY, () => null);
  const handler = mocks.handlers.get(IPC_CALL)!;

  it('refuses untrusted senders without dispatching', async () => {
    const senders = [
      null,
      { url: ENTRY, parent: {} },
      { url: 'file:///tmp/evil.html', ...main },
      { url: 'https://evil.example/', ...main },
      { url: undefined, ...main },
    ];
    for (const senderFrame of senders) {
      expect(await handler({ senderFrame }, frame)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('validates the frame from our page, then dispatches', async () => {
    expect(await handler({ senderFrame: { url: ENTRY, ...main } }, { ...frame, extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(call).not.toHaveBeenCalled();
    expect(await handler({ senderFrame: { url: ENTRY, ...main } }, frame)).toEqual({ ok: true, value: 'dispatched' });
    expect(call).toHaveBeenCalledWith('query', 'health.get', {});
  });

  it('removes its handler when unregistered', () => {
    off();
    expect(mocks.handlers.has(IPC_CALL)).toBe(false);
  });
});
