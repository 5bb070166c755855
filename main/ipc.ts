// The IPC transport: one invoke channel for calls, one push channel for events. Each call is
// checked against the sender frame before it reaches the dispatcher.
import { ipcMain, type BrowserWindow } from 'electron';
import { err } from '../src-core/api/envelope';
import { requestFrameSchema } from '../src-core/api/wire';
import type { Core } from '../src-core/host/core';
import { isTrustedSender } from './sender-check';

export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';

export function registerIpc(core: Core, appEntryUrl: string, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CALL, async (event, frame: unknown) => {
    const sender = event.senderFrame;
    if (sender === null || !isTrustedSender({ url: sender.url, isMainFrame: sender.parent === null }, appEntryUrl)) {
      return err('UNAUTHORIZED', 'untrusted sender');
    }
    const parsed = requestFrameSchema.safeParse(frame);
    if (!parsed.success) return err('BAD_REQUEST', 'frame must be {id, kind, channel, payload}');
    return core.dispatcher.call(parsed.data.kind, parsed.data.channel, parsed.data.payload);
  });
  const off = core.events.subscribeAll((name, payload) => {
    const w = getWindow();
    if (w !== null && !w.isDestroyed()) w.webContents.send(IPC_EVENT, { event: name, payload });
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_CALL);
  };
}
