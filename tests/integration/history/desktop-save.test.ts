// main/ipc.ts's export channel (main/export-save.ts) with Electron's ipcMain and dialog mocked (the only part that is not real):
// a real core over a real seeded SQLite ledger answers ledger.export, and the file is really
// written. An untrusted sender or a bad filter gets a typed error with no dialog and no file; a
// cancelled dialog writes nothing; a saved file holds exactly the core's CSV; a failed write is
// an error the renderer shows, not a silent success.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const mocks = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  showSaveDialog: vi.fn<(...a: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>(),
}));
vi.mock('electron', () => ({
  ipcMain: { handle: (ch: string, fn: never) => mocks.handlers.set(ch, fn), removeHandler: (ch: string) => mocks.handlers.delete(ch) },
  dialog: { showSaveDialog: mocks.showSaveDialog },
}));

import { IPC_EXPORT_LEDGER } from '../../../main/export-save';
import { registerIpc } from '../../../main/ipc';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase } from '../../../src-core/store/db';
import { seedLedger } from '../../helpers/ledger-fixture';
import { tempDir } from '../../helpers/tmp';

const ENTRY = 'app://fundingbot/index.html';
const ours = { senderFrame: { url: ENTRY, parent: null } };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  mocks.showSaveDialog.mockReset();
});

async function setup(): Promise<{ core: Core; out: string; handler: (event: unknown, input: unknown) => Promise<unknown> }> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  seedLedger(new LedgerRepo(db));
  const out = tempDir();
  const off = registerIpc(core, ENTRY, () => null);
  cleanups.push(t.cleanup, out.cleanup, () => core.close(), () => void db.close(), off);
  return { core, out: out.dir, handler: mocks.handlers.get(IPC_EXPORT_LEDGER)! };
}

describe('desktop ledger export through main', () => {
  it('writes the core\'s CSV where the save dialog says, named after the filter', async () => {
    const { core, out, handler } = await setup();
    const file = join(out, 'picked.csv');
    mocks.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file });
    const r = await handler(ours, { symbol: 'ETH' });
    expect(r).toEqual({ ok: true, value: { path: file, rowCount: 9 } });
    const [options] = mocks.showSaveDialog.mock.calls[0]!;
    expect(options).toMatchObject({ defaultPath: 'fundingbot-ledger-eth.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] });
    const expected = await core.dispatcher.call('query', 'ledger.export', { symbol: 'ETH' });
    expect(expected.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe((expected as { value: { csv: string } }).value.csv);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { out, handler } = await setup();
    mocks.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await handler(ours, {})).toEqual({ ok: true, value: { path: null, rowCount: 12 } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a bad filter with the typed error before any dialog', async () => {
    const { handler } = await setup();
    expect(await handler(ours, { fromMs: 5, toMs: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handler(ours, { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(mocks.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender before anything else', async () => {
    const { handler } = await setup();
    for (const event of [{ senderFrame: null }, { senderFrame: { url: 'https://evil.example/', parent: null } }, { senderFrame: { url: ENTRY, parent: {} } }]) {
      expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(mocks.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports a failed write as an error naming the file', async () => {
    const { out, handler } = await setup();
    const file = join(out, 'no-such-dir', 'x.csv');
    mocks.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file });
    const r = await handler(ours, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining(file) } });
    expect(existsSync(file)).toBe(false);
  });
});
