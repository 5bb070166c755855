// Export CSV (docs/EXPORT.md) from History's filter. On the desktop main writes the file through
// its save dialog (window.api.saveLedgerExport, main/export-save.ts); in a browser the core's CSV
// text becomes a download (a Blob behind a temporary <a download>). Every failure is a toast with
// the typed error, never swallowed.
import type { ApiClient } from '../api/client';
import type { RawApi } from '../../../src-core/api/raw-api';
import type { Result } from '../../../src-core/api/envelope';
import type { useToastStore } from '../store/ui-toasts';

type Push = ReturnType<typeof useToastStore.getState>['push'];
type Filter = { symbol?: string; fromMs?: number; toMs?: number };

const TITLE = 'Export CSV';

function failed(push: Push, r: Extract<Result<unknown>, { ok: false }>): void {
  const issues = r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  push({ kind: 'error', title: TITLE, message: issues ? `${r.error.message} (${issues})` : r.error.message, code: r.error.code });
}

/** Offers text as a file download in a browser. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the Blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export async function exportLedgerCsv(api: ApiClient, desktop: RawApi['saveLedgerExport'], filter: Filter, push: Push): Promise<void> {
  try {
    if (desktop !== undefined) {
      const r = await desktop(filter);
      if (!r.ok) return failed(push, r);
      // A cancelled dialog is the trader's choice: nothing to report.
      if (r.value.path !== null) push({ kind: 'success', title: TITLE, message: `${r.value.rowCount} rows saved to ${r.value.path}` });
      return;
    }
    const r = await api.query('ledger.export', filter);
    if (!r.ok) return failed(push, r);
    downloadText(r.value.fileName, r.value.csv);
    push({ kind: 'success', title: TITLE, message: `${r.value.rowCount} rows in ${r.value.fileName}` });
  } catch (e) {
    push({ kind: 'error', title: TITLE, message: `no answer from the core: ${e instanceof Error ? e.message : String(e)}`, code: 'UNAVAILABLE' });
  }
}
