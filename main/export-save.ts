// The desktop half of the ledger export (docs/EXPORT.md): the renderer asks main over its own IPC
// channel (answered in main/ipc.ts behind the sender check); main gets the CSV from the core (ledger.export, which validates the filter), asks where
// to put it with the native save dialog, and writes it there. The CSV never passes through the
// renderer, and the renderer never names a path: only the dialog the trader answers does.
import { dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { err, ok, type Result } from '../src-core/api/envelope';
import type { SavedLedgerExport } from '../src-core/api/raw-api';
import type { CoreShell } from '../src-core/host/worker/shell';

export const IPC_EXPORT_LEDGER = 'export:ledger-csv';

export interface ExportSaveDeps {
  readonly dispatcher: CoreShell['dispatcher'];
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

/** The native save dialog, over the app's window when there is one; null when cancelled. */
export async function chooseFileWithDialog(window: BrowserWindow | null, defaultName: string): Promise<string | null> {
  const options = { title: 'Export the ledger as CSV', defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const picked = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  return picked.canceled || picked.filePath === undefined || picked.filePath === '' ? null : picked.filePath;
}

/** What main/ipc.ts hands saveLedgerExport (the IPC itself is answered there, behind the sender check). */
export function desktopExportDeps(core: Pick<CoreShell, 'dispatcher'>, getWindow: () => BrowserWindow | null): ExportSaveDeps {
  return {
    dispatcher: core.dispatcher,
    chooseFile: (defaultName) => chooseFileWithDialog(getWindow(), defaultName),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  };
}
