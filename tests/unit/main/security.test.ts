// main/security.ts driven with stand-ins for the few Electron methods it uses (the Electron
// binary cannot run in this suite): navigation, redirects, <webview> and new windows refused
// and logged, only listed https links handed to the OS browser, permissions denied and logged,
// the CSP header on every http(s) response.
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, installAppSecurity, type SecurityDeps } from '../../../main/security';
import { EXTERNAL_HOSTS, isAllowedExternalUrl } from '../../../main/external-links';

const APP_URL = 'file:///opt/Fundingbot/resources/app.asar/out/renderer/index.html';

function fakeContents() {
  const on = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (event: string, fn: never) => {
      on.set(event, fn);
    },
    setWindowOpenHandler: (fn: never) => {
      openHandler = fn;
    },
    getURL: () => APP_URL,
    fire(event: string, url?: string) {
      const e = { preventDefault: vi.fn() };
      on.get(event)!(e, url);
      return e.preventDefault.mock.calls.length;
    },
    open: (url: string) => openHandler!({ url }),
    events: () => [...on.keys()].sort(),
  };
}

function deps() {
  const warn = vi.fn();
  const openExternal = vi.fn(async () => undefined);
  const d: SecurityDeps = { openExternal, log: { warn }, csp: "default-src 'self'" };
  return { d, warn, openExternal };
}

describe('web contents guard', () => {
  it('refuses every navigation, frame navigation, redirect and webview, and logs each', () => {
    const c = fakeContents();
    const { d, warn } = deps();
    hardenWebContents(c as never, d);
    expect(c.events()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    for (const ev of c.events()) expect(c.fire(ev, 'https://evil.example/')).toBe(1);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(warn).toHaveBeenCalledWith('security: navigation refused', { url: 'https://evil.example/', from: APP_URL });
  });

  it('denies every new window; a listed https link goes to the OS browser, anything else is logged', () => {
    const c = fakeContents();
    const { d, warn, openExternal } = deps();
    hardenWebContents(c as never, d);
    expect(c.open('https://explorer.elliot.ai/tx/0xabc')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://explorer.elliot.ai/tx/0xabc');
    for (const url of ['https://evil.example/', 'http://explorer.elliot.ai/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(c.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(warn).toHaveBeenCalledWith('security: new window refused', { url: 'file:///etc/passwd', from: APP_URL });
  });

  it('logs a failed openExternal instead of leaving a rejected promise', async () => {
    const c = fakeContents();
    const { d, warn } = deps();
    hardenWebContents(c as never, { ...d, openExternal: async () => Promise.reject(new Error('no browser')) });
    c.open('https://extended.exchange/');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('security: openExternal failed', { url: 'https://extended.exchange/', error: 'Error: no browser' }));
  });
});

describe('shell.openExternal allowlist', () => {
  it('takes https on the listed hosts only, exactly', () => {
    for (const host of EXTERNAL_HOSTS) expect(isAllowedExternalUrl(`https://${host}/x?y=1#z`)).toBe(true);
    for (const url of [
      'http://extended.exchange/',
      'https://extended.exchange.evil.example/',
      'https://evil.example/?https://extended.exchange/',
      'https://user:pw@extended.exchange/',
      'https://extended.exchange:8443/',
      'https://sub.extended.exchange/',
      'smb://extended.exchange/share',
      'not a url',
      '',
    ]) {
      expect([url, isAllowedExternalUrl(url)]).toEqual([url, false]);
    }
  });
});

describe('session guard', () => {
  function fakeSession() {
    const s = {
      request: null as null | ((wc: { getURL(): string }, permission: string, cb: (ok: boolean) => void) => void),
      check: null as null | ((...a: unknown[]) => boolean),
      device: null as null | ((...a: unknown[]) => boolean),
      headers: null as null | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
      setPermissionRequestHandler: (fn: never) => void (s.request = fn),
      setPermissionCheckHandler: (fn: never) => void (s.check = fn),
      setDevicePermissionHandler: (fn: never) => void (s.device = fn),
      webRequest: { onHeadersReceived: (fn: never) => void (s.headers = fn) },
    };
    return s;
  }

  it('denies and logs permission requests, denies checks and devices', () => {
    const s = fakeSession();
    const { d, warn } = deps();
    hardenSession(s as never, d);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      s.request!({ getURL: () => APP_URL }, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(warn).toHaveBeenLastCalledWith('security: permission request denied', { permission, from: APP_URL });
    }
    expect(s.check!(null, 'media', APP_URL, {})).toBe(false);
    expect(s.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('puts our CSP on every response, replacing none of the other headers', () => {
    const s = fakeSession();
    hardenSession(s as never, deps().d);
    const cb = vi.fn();
    s.headers!({ responseHeaders: { 'X-A': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': ["default-src 'self'"] } });
  });

  it('hardens a session once even when told twice (session-created and the ready hook)', () => {
    const s = fakeSession();
    const set = vi.spyOn(s, 'setPermissionRequestHandler');
    const { d } = deps();
    hardenSession(s as never, d);
    hardenSession(s as never, d);
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('installAppSecurity hooks every future web contents and session', () => {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    installAppSecurity({ on: (ev: string, fn: never) => handlers.set(ev, fn) } as never, deps().d);
    expect([...handlers.keys()].sort()).toEqual(['session-created', 'web-contents-created']);
    const c = fakeContents();
    handlers.get('web-contents-created')!({}, c);
    expect(c.events()).toHaveLength(4);
    const s = fakeSession();
    handlers.get('session-created')!(s);
    expect(s.request).not.toBeNull();
  });
});
