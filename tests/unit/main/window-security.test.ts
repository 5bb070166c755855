import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, windowOptions } from '../../../main/window-options';
import { isTrustedSender } from '../../../main/sender-check';

describe('window options', () => {
  const prefs = windowOptions('/app/preload.js').webPreferences!;
  it('isolate and sandbox the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload.js');
  });
  it('keeps the other secure defaults explicit: no Node in sub-frames, no experimental features, no drag-and-drop navigation', () => {
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(windowOptions('/p').show).toBe(false);
  });
  it('has DevTools off unless a development run asks for them', () => {
    expect(prefs.devTools).toBe(false);
    expect(windowOptions('/p', { devTools: true }).webPreferences!.devTools).toBe(true);
    expect(windowOptions('/p', { devTools: false }).webPreferences!.devTools).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(name + ' '));
  it('allows only our own scripts, never inline or eval', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  });
  it('does not let the desktop renderer open sockets anywhere', () => {
    expect(directive('connect-src')).toBe("connect-src 'self'");
  });
});

describe('IPC sender check', () => {
  const app = 'file:///opt/Fundingbot/resources/app.asar/out/renderer/index.html';
  it('accepts our page in the main frame', () => {
    expect(isTrustedSender({ url: app, isMainFrame: true }, app)).toBe(true);
  });
  it('refuses sub-frames, other files, other origins and missing urls', () => {
    expect(isTrustedSender({ url: app, isMainFrame: false }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true }, app)).toBe(false);
  });
  it('accepts our app:// page on any of its routes, and no other app:// host', () => {
    const entry = 'app://fundingbot/index.html';
    expect(isTrustedSender({ url: 'app://fundingbot/index.html#/screener', isMainFrame: true }, entry)).toBe(true);
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true }, entry)).toBe(false);
    expect(isTrustedSender({ url: 'app://user@fundingbot/index.html', isMainFrame: true }, entry)).toBe(false);
    expect(isTrustedSender({ url: 'other://fundingbot/index.html', isMainFrame: true }, entry)).toBe(false);
    expect(isTrustedSender({ url: entry, isMainFrame: false }, entry)).toBe(false);
  });
  it('compares origins for a dev server URL', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedSender({ url: 'http://localhost:5173/#/screener', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false);
  });
});
