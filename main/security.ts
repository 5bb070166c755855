// The Electron security guards (docs/SECURITY-CHECKLIST.md), as functions over the few Electron
// methods they use so unit tests drive them with stand-ins: every web contents refuses
// navigation, redirects, <webview> and new windows (a listed https link goes to the OS
// browser instead); every session denies and logs permission requests, denies permission
// checks and device access, and sends our CSP on any http(s) response.
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../src-core/telemetry/log';
import { isAllowedExternalUrl } from './external-links';

export interface SecurityDeps {
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Pick<Logger, 'warn'>;
  readonly csp: string;
}

type Contents = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'getURL'>;
type Ses = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;
interface Preventable {
  preventDefault(): void;
}

export function hardenWebContents(contents: Contents, deps: SecurityDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      deps.openExternal(url).catch((e: unknown) => deps.log.warn('security: openExternal failed', { url, error: String(e) }));
    } else {
      deps.log.warn('security: new window refused', { url, from: contents.getURL() });
    }
    return { action: 'deny' };
  });
  const refuse = (what: string) => (e: Preventable, url?: unknown) => {
    e.preventDefault();
    deps.log.warn(`security: ${what} refused`, { url: typeof url === 'string' ? url : undefined, from: contents.getURL() });
  };
  // The app is one page; it changes views without navigating, so every navigation is foreign.
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('frame navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('webview'));
}

const hardened = new WeakSet<object>();

export function hardenSession(ses: Ses, deps: SecurityDeps): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((wc, permission, callback) => {
    deps.log.warn('security: permission request denied', { permission, from: wc.getURL() });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [deps.csp] } });
  });
}

/** Hardens every web contents and every session the app will ever create. */
export function installAppSecurity(app: Pick<App, 'on'>, deps: SecurityDeps): void {
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, deps));
  app.on('session-created', (ses) => hardenSession(ses, deps));
}
