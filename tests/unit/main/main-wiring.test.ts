// main/index.ts with Electron mocked: loading it installs the security guards before anything
// else can create a window (web-contents-created, session-created), takes the single-instance
// lock, and does no work before `ready`.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const appHandlers = new Map<string, (...a: unknown[]) => void>();
  return {
    appHandlers,
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn((ev: string, fn: (...a: unknown[]) => void) => appHandlers.set(ev, fn)),
      // Never ready: the test looks at what is wired before the core starts.
      whenReady: vi.fn(() => new Promise<void>(() => undefined)),
      quit: vi.fn(),
      getAppPath: () => '/app',
      isPackaged: false,
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
});

vi.mock('electron', () => ({
  app: electron.app,
  shell: electron.shell,
  protocol: electron.protocol,
  session: { defaultSession: {} },
  BrowserWindow: class {},
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  Notification: { isSupported: () => false },
  Tray: class {},
  Menu: { buildFromTemplate: vi.fn() },
  nativeImage: { createFromPath: vi.fn() },
  dialog: { showMessageBox: vi.fn() },
}));

describe('main process entry', () => {
  it('installs the guards at load time, then waits for ready', async () => {
    await import('../../../main/index');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect([...electron.appHandlers.keys()]).toEqual(expect.arrayContaining(['web-contents-created', 'session-created', 'second-instance', 'window-all-closed', 'before-quit']));
    expect(electron.app.whenReady).toHaveBeenCalledTimes(1);
    // app:// is registered as privileged before ready (Electron refuses it later) and handled only after.
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.protocol.handle).not.toHaveBeenCalled();

    // A web contents created now gets the window-open handler and the navigation guards.
    const on = vi.fn();
    let openHandler: ((d: { url: string }) => unknown) | null = null;
    electron.appHandlers.get('web-contents-created')!({}, { on, setWindowOpenHandler: (fn: never) => (openHandler = fn), getURL: () => 'file:///x' });
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://extended.exchange/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://extended.exchange/']]);
  });
});
