// Electron main: one instance, one core, one sandboxed window. Everything security-relevant is
// decided by the pure functions beside this file; this file only applies them. The core runs in
// a worker thread (src-core/host/worker/), so this thread's event loop only relays IPC calls,
// events, tray and window work (ISSUE 15, acceptance 6).
import { app, BrowserWindow, dialog, powerMonitor, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { defaultDataDir } from '../src-core/host/data-dir';
import { startCoreWorker, type CoreWorker } from '../src-core/host/worker/proxy';
import { bundledEntry } from '../src-core/host/worker/entry-file';
import { parsePort } from '../src-core/host/cli-args';
import { contentSecurityPolicy, windowOptions } from './window-options';
import { registerIpc } from './ipc';
import { createTray } from './tray/tray';
import { electronNativeBinding } from './native-binding';
import { notifyAlert, subscribeNotifications } from './notify';
import { installCrashGuard } from './crash-guard';
import { installQuitGuard } from './quit-guard';
import { feedUrl, UPDATE_FEED_ENV } from './update/feed';
import { createUpdateChecker } from './update/check';
import { hardenSession, installAppSecurity, type SecurityDeps } from './security';
import { createLogger } from '../src-core/telemetry/log';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';

let win: BrowserWindow | null = null;
let core: CoreWorker | null = null;

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

  const log = createLogger({}, { component: 'main' });
  const security: SecurityDeps = {
    openExternal: (url) => shell.openExternal(url),
    log,
    csp: contentSecurityPolicy(),
  };
  installAppSecurity(app, security);
  // Before anything can throw: a crash moves trading to a safer state and never exits.
  const crash = installCrashGuard({ process, app, core: () => core, notify: notifyAlert, log });
  const CORE_CRASH = { 'uncaught-exception': 'core-exception', 'unhandled-rejection': 'core-rejection', 'worker-gone': 'core-gone' } as const;

  void app.whenReady().then(async () => {
    // session-created covers sessions made later; the default one may predate the listener.
    hardenSession(session.defaultSession, security);
    protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '../renderer'), security.csp));

    const nativeBinding = electronNativeBinding(app.getAppPath());
    // `npm start -- --control-port 18103`: the embedded simulator's fault endpoint on a known port.
    const controlPort = parsePort(process.argv, 'control-port');
    core = await startCoreWorker(
      {
        ...(controlPort === undefined ? {} : { simulatorControlPort: controlPort }),
        dataDir: process.env.FUNDINGBOT_DATA_DIR ?? defaultDataDir(),
        mode: 'sim',
        transport: 'ipc',
        ...(nativeBinding === null ? {} : { nativeBinding }),
      },
      // The worker's bundle sits beside this one (electron.vite.config.ts input `core-worker`).
      { entry: bundledEntry(__dirname), log, onCrash: (kind, detail) => crash({ kind: CORE_CRASH[kind], detail }) },
    );
    // The fault-injection endpoint's per-run token, for the terminal that ran `npm start`.
    for (const line of core.simulatorLines) process.stdout.write(`${line}\n`);
    win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.js'), { devTools: !app.isPackaged }));
    registerIpc(core, APP_ENTRY_URL, () => win);
    // Packaged builds carry the icons as extra resources; a dev run reads them from build/.
    const resources = app.isPackaged ? join(process.resourcesPath, 'build') : join(app.getAppPath(), 'build');
    createTray(core, resources, () => win, () => app.quit());
    subscribeNotifications(core.events);
    // OS sleep and wake: the core holds entries, reconnects and reconciles (host/power-resume.ts).
    const power = core.power;
    powerMonitor.on('suspend', () => power.suspend());
    powerMonitor.on('resume', () => void power.resume());
    // The update check only tells the trader; it is off unless a feed URL is configured.
    const feed = feedUrl(process.env[UPDATE_FEED_ENV]);
    if (feed.error !== null) notifyAlert('Fundingbot: update check off', feed.error);
    if (feed.url !== null) {
      const running = core;
      void createUpdateChecker({ url: feed.url, currentVersion: app.getVersion(), exposure: () => running.exposure(), notify: notifyAlert, log }).check().catch((e: unknown) => log.warn('update check failed', { error: e instanceof Error ? e.message : String(e) }));
    }
    win.once('ready-to-show', () => win?.show());
    // Our own scheme only: the app never loads remote content into a window.
    await win.loadURL(APP_ENTRY_URL);
  }).catch((e: unknown) => {
    // A start that failed before the core ran leaves nothing to protect: say why and end, rather
    // than leave an invisible process behind (the crash guard keeps a running core alive).
    if (core === null) {
      dialog.showErrorBox('Fundingbot could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    } else {
      log.error('startup failed after the core started: the core keeps running', { error: e instanceof Error ? e.message : String(e) });
      notifyAlert('Fundingbot: the window could not open', e instanceof Error ? e.message : String(e));
    }
  });

  app.on('window-all-closed', () => {
    // Keep running in the tray: open pairs still need monitoring with the window closed.
  });

  // Every quit asks first when a pair is open or an order in flight, then awaits the core's
  // orderly close (bounded) before the process ends.
  installQuitGuard({
    app,
    core: () => core,
    ask: async (p) => {
      const options = { type: 'warning' as const, message: p.message, detail: p.detail, buttons: [...p.buttons], defaultId: p.defaultId, cancelId: p.cancelId, noLink: true };
      return (win !== null && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response;
    },
    notify: notifyAlert,
    log,
  });
}
