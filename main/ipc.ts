// The IPC transport: one invoke channel for calls, one push channel for events, and the desktop
// ledger export (main/export-save.ts). Each call is checked against the sender frame before it
// reaches the dispatcher.
import { ipcMain, type BrowserWindow } from 'electron';
import { err } from '../src-core/api/envelope';
import { requestFrameSchema } from '../src-core/api/wire';
import type { CoreShell } from '../src-core/host/worker/shell';
import { isTrustedSender } from './sender-check';
import { desktopExportDeps, IPC_EXPORT_LEDGER, saveLedgerExport } from './export-save';

export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';

type Sender = { readonly senderFrame: { readonly url: string; readonly parent: unknown } | null };

function trusted(event: Sender, appEntryUrl: string): boolean {
  const sender = event.senderFrame;
  return sender !== null && isTrustedSender({ url: sender.url, isMainFrame: sender.parent === null }, appEntryUrl);
}

export function registerIpc(core: Pick<CoreShell, 'dispatcher' | 'events'>, appEntryUrl: string, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CALL, async (event, frame: unknown) => {
    if (!trusted(event, appEntryUrl)) return err('UNAUTHORIZED', 'untrusted sender');
    const parsed = requestFrameSchema.safeParse(frame);
    if (!parsed.success) return err('BAD_REQUEST', 'frame must be {id, kind, channel, payload}');
    return core.dispatcher.call(parsed.data.kind, parsed.data.channel, parsed.data.payload);
  });
  // The ledger export written through the save dialog (main/export-save.ts): the payload is only
  // the filter, which ledger.export validates.
  const exportDeps = desktopExportDeps(core, getWindow);
  ipcMain.handle(IPC_EXPORT_LEDGER, async (event, input: unknown) => {
    if (!trusted(event, appEntryUrl)) return err('UNAUTHORIZED', 'untrusted sender');
    return saveLedgerExport(exportDeps, input);
  });
  const off = core.events.subscribeAll((name, payload) => {
    const w = getWindow();
    if (w !== null && !w.isDestroyed()) w.webContents.send(IPC_EVENT, { event: name, payload });
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.removeHandler(IPC_EXPORT_LEDGER);
  };
}
