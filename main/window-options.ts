// The BrowserWindow options as a plain function so the security settings are unit-tested
// (Electron's binary cannot run in CI). Every flag here is from Electron's security checklist.
import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy as sharedPolicy } from '../src-core/host/csp';

export interface WindowOptionsInput {
  /** DevTools only in a development run: a packaged app gives no one a console into the
   *  process that holds venue keys. Off unless asked for. */
  readonly devTools?: boolean;
}

export function windowOptions(preloadPath: string, input: WindowOptionsInput = {}): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0b0e13',
    title: 'Fundingbot',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devTools ?? false,
    },
  };
}

/** The desktop CSP: the shared policy, and the renderer never opens a socket itself. */
export function contentSecurityPolicy(): string {
  return sharedPolicy();
}
