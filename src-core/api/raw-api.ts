// The transport-free surface the renderer sees as `window.api`. Electron's preload implements it
// over ipcRenderer; the browser build implements it over the headless host's WebSocket. The
// typed client in renderer/ wraps it, so UI code never knows which transport it has.
import type { Result } from './envelope';
import type { ExportQuery } from './channels/history';

export type CallKind = 'query' | 'command';

export interface RawApi {
  call(kind: CallKind, channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  /** Desktop only (Electron's preload; absent in a browser, which downloads the CSV instead):
   *  main asks the core for ledger.export, shows the save dialog and writes the file there.
   *  path null = the trader cancelled the dialog. */
  saveLedgerExport?(input: ExportQuery): Promise<Result<SavedLedgerExport>>;
}

export interface SavedLedgerExport {
  readonly path: string | null;
  readonly rowCount: number;
}
