// The only bridge between the sandboxed page and the main process: window.api, a RawApi over
// two IPC channels. Nothing else of Electron or Node is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RawApi } from '../src-core/api/raw-api';
import type { Result } from '../src-core/api/envelope';

let nextId = 1;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('api:event', (_e: IpcRendererEvent, frame: { event: string; payload: unknown }) => {
  for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
});

const api: RawApi = {
  call: (kind, channel, payload) =>
    ipcRenderer.invoke('api:call', { id: nextId++, kind, channel, payload }) as Promise<Result<unknown>>,
  // main/export-save.ts IPC_EXPORT_LEDGER: main writes the file through its save dialog.
  saveLedgerExport: (input) => ipcRenderer.invoke('export:ledger-csv', input) as ReturnType<NonNullable<RawApi['saveLedgerExport']>>,
  on: (event, cb) => {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(cb);
    return () => {
      set.delete(cb);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
