// The desktop half of the ledger export (docs/EXPORT.md): the renderer asks main over its own IPC
// channel; main gets the CSV from the core (ledger.export, which validates the filter), asks where
// to put it with the native save dialog, and writes it there. The CSV never passes through the
// renderer, and the renderer never names a path: only the dialog the trader answers does.
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { err, ok, type Result } from '../src-core/api/envelope';
import type { SavedLedgerExport } from '../src-core/api/raw-api';
import type { Core } from '../src-core/host/core';
import { isTrustedSender } from './sender-check';

export const IPC_EXPORT_LEDGER = 'export:ledger-csv';

export interface ExportSaveDeps {
  readonly dispatcher: Pick<Core['dispatcher'], 'call'>;
  /** The file the trader picked, or null when the dialog was cancelled. */
  chooseFile(defaultName: string): Promise<string | null>;
  writeFile(path: string, text: string): Promise<void>;
}

export async function saveLedgerExport(deps: ExportSaveDeps, input: unknown): Promise<Result<SavedLedgerExport>> {
  const r = await deps.dispatcher.call('query', 'ledger.export', input as never);
  // Bad filter or an export past its size limit: the typed error, no dialog, no file.
  if (!r.ok) return r;
  const { csv, rowCount, fileName } = r.value as { csv: string; rowCount: number; fileName: string };
  const path = await deps.chooseFile(fileName);
  if (path === null) return ok({ path: null, rowCount });
  try {
    await deps.writeFile(path, csv);
  } catch (e) {
    // The trader must know the file is not there (a full disk, a read-only folder).
    return err('INTERNAL', `could not write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return ok({ path, rowCount });
}

export function registerExportIpc(core: Pick<Core, 'dispatcher'>, appEntryUrl: string, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_EXPORT_LEDGER, async (event, input: unknown) => {
    const sender = event.senderFrame;
    if (sender === null || !isTrustedSender({ url: sender.url, isMainFrame: sender.parent === null }, appEntryUrl)) {
      return err('UNAUTHORIZED', 'untrusted sender');
    }
    return saveLedgerExport(
      {
        dispatcher: core.dispatcher,
        chooseFile: async (defaultName) => {
          const options = { title: 'Export the ledger as CSV', defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
          const w = getWindow();
          const picked = w === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(w, options);
          return picked.canceled || picked.filePath === undefined || picked.filePath === '' ? null : picked.filePath;
        },
        writeFile: (path, text) => writeFile(path, text, 'utf8'),
      },
      input,
    );
  });
  return () => ipcMain.removeHandler(IPC_EXPORT_LEDGER);
}
