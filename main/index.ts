// Electron main: one instance, one core, one sandboxed window. Everything security-relevant is
// decided by the pure functions beside this file; this file only applies them.
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../src-core/host/core';
import { defaultDataDir } from '../src-core/host/data-dir';
import { embeddedSimulatorLines } from '../src-core/host/sim-cli';
import { parsePort } from '../src-core/host/cli-args';
import { contentSecurityPolicy, windowOptions } from './window-options';
import { registerIpc } from './ipc';
import { createTray } from './tray/tray';
import { electronNativeBinding } from './native-binding';
import { subscribeNotifications } from './notify';
import { hardenSession, installAppSecurity, type SecurityDeps } from './security';
import { createLogger } from '../src-core/telemetry/log';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';

let win: BrowserWindow | null = null;
let core: Core | null = null;

// Must happen before `ready` (Electron's rule for privileged schemes).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win !== null) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
  });

  const security: SecurityDeps = {
    openExternal: (url) => shell.openExternal(url),
    log: createLogger({}, { component: 'main' }),
    csp: contentSecurityPolicy(),
  };
  installAppSecurity(app, security);

  void app.whenReady().then(async () => {
    // session-created covers sessions made later; the default one may predate the listener.
    hardenSession(session.defaultSession, security);
    protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '../renderer'), security.csp));

    const nativeBinding = electronNativeBinding(app.getAppPath());
    // `npm start -- --control-port 18103`: the embedded simulator's fault endpoint on a known port.
    const controlPort = parsePort(process.argv, 'control-port');
    core = await createCore({
      ...(controlPort === undefined ? {} : { simulator: { controlPort } }),
      dataDir: process.env.FUNDINGBOT_DATA_DIR ?? defaultDataDir(),
      mode: 'sim',
      transport: 'ipc',
      ...(nativeBinding === null ? {} : { nativeBinding }),
    });
    // The fault-injection endpoint's per-run token, for the terminal that ran `npm start`.
    for (const line of embeddedSimulatorLines(core.runtime()?.sim ?? null)) process.stdout.write(`${line}\n`);
    win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.js'), { devTools: !app.isPackaged }));
    registerIpc(core, APP_ENTRY_URL, () => win);
    // Packaged builds carry the icons as extra resources; a dev run reads them from build/.
    const resources = app.isPackaged ? join(process.resourcesPath, 'build') : join(app.getAppPath(), 'build');
    createTray(core, resources, () => win, () => app.quit());
    subscribeNotifications(core.events);
    win.once('ready-to-show', () => win?.show());
    // Our own scheme only: the app never loads remote content into a window.
    await win.loadURL(APP_ENTRY_URL);
  });

  app.on('window-all-closed', () => {
    // Keep running in the tray: open pairs still need monitoring with the window closed.
  });

  app.on('before-quit', () => {
    void core?.close();
  });
}
