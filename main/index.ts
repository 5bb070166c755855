// Electron main: one instance, one core, one sandboxed window. Everything security-relevant is
// decided by the pure functions beside this file; this file only applies them.
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../src-core/host/core';
import { defaultDataDir } from '../src-core/host/data-dir';
import { embeddedSimulatorLines } from '../src-core/host/sim-cli';
import { contentSecurityPolicy, windowOptions } from './window-options';
import { registerIpc } from './ipc';
import { createTray } from './tray/tray';
import { electronNativeBinding } from './native-binding';
import { subscribeFillNotifications } from './notify';

let win: BrowserWindow | null = null;
let core: Core | null = null;

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

  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
      cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
    });

    const nativeBinding = electronNativeBinding(app.getAppPath());
    core = await createCore({
      dataDir: process.env.FUNDINGBOT_DATA_DIR ?? defaultDataDir(),
      mode: 'sim',
      transport: 'ipc',
      ...(nativeBinding === null ? {} : { nativeBinding }),
    });
    // The fault-injection endpoint's per-run token, for the terminal that ran `npm start`.
    for (const line of embeddedSimulatorLines(core.runtime()?.sim ?? null)) process.stdout.write(`${line}\n`);
    const entry = join(__dirname, '../renderer/index.html');
    win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.js')));
    registerIpc(core, pathToFileURL(entry).toString(), () => win);
    // Packaged builds carry the icons as extra resources; a dev run reads them from build/.
    const resources = app.isPackaged ? join(process.resourcesPath, 'build') : join(app.getAppPath(), 'build');
    createTray(core, resources, () => win, () => app.quit());
    subscribeFillNotifications(core.events);
    win.once('ready-to-show', () => win?.show());
    await win.loadFile(entry);
  });

  app.on('window-all-closed', () => {
    // Keep running in the tray: open pairs still need monitoring with the window closed.
  });

  app.on('before-quit', () => {
    void core?.close();
  });
}
