// Acceptance: a connection without the token, with a wrong token, or with a foreign Origin (or
// Host) is refused, on both the page and the WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { join } from 'node:path';
import { startHost, stubRendererDir, type RunningHost } from '../../helpers/host';
import { connectClient } from '../../helpers/ws-client';
import { tempDir } from '../../helpers/tmp';

let host: RunningHost;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  // The page checks need a page, not the built renderer: a stub keeps them independent of a build.
  host = await startHost(join(t.dir, 'data'), {}, { rendererDir: stubRendererDir(join(t.dir, 'renderer')) });
});
afterAll(async () => {
  await host.stop();
  cleanup();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.server.port, path, headers }, (res) => {
      res.resume();
      const c = res.headers['set-cookie'];
      resolve({ status: res.statusCode ?? 0, cookie: Array.isArray(c) ? c[0] : undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless host security', () => {
  const token = () => host.server.token;

  it('binds loopback only', () => {
    expect(host.server.url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('serves the page with the token and sets an HttpOnly cookie', async () => {
    const r = await get(`/?token=${token()}`);
    expect(r.status).toBe(200);
    expect(r.cookie).toMatch(/HttpOnly/);
    expect(r.cookie).toMatch(/SameSite=Strict/);
    expect(r.cookie?.startsWith(`${host.server.cookieName}=${token()};`)).toBe(true);
  });

  it('refuses the page without or with a wrong token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${token().slice(0, -1)}`)).status).toBe(401);
  });

  // Same length as the real token, differing in one character at the start, middle or end: a
  // comparison that stops at the length check or at a prefix would let these through.
  const sameLength = (at: number) => {
    const t = token();
    const i = (at + t.length) % t.length;
    return t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
  };

  it('refuses the page with a wrong token of the same length, in the URL or the cookie', async () => {
    for (const at of [0, 21, -1]) {
      const wrong = sameLength(at);
      expect(wrong).toHaveLength(token().length);
      expect(wrong).not.toBe(token());
      expect((await get(`/?token=${wrong}`)).status).toBe(401);
      expect((await get('/', { Cookie: `${host.server.cookieName}=${wrong}` })).status).toBe(401);
    }
  });

  it('refuses the WebSocket with a wrong token of the same length, in the URL or the cookie', async () => {
    const base = `ws://127.0.0.1:${host.server.port}/api`;
    for (const at of [0, 21, -1]) {
      const wrong = sameLength(at);
      await expect(connectClient(`${base}?token=${wrong}`)).rejects.toThrow(/401/);
      await expect(connectClient(base, { Cookie: `${host.server.cookieName}=${wrong}` })).rejects.toThrow(/401/);
    }
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${token()}`, { Host: `evil.example:${host.server.port}` })).status).toBe(403);
  });

  it('refuses the WebSocket without token, with a wrong token, a foreign Origin or Host', async () => {
    const base = `ws://127.0.0.1:${host.server.port}/api`;
    await expect(connectClient(base)).rejects.toThrow(/401/);
    await expect(connectClient(`${base}?token=nope`)).rejects.toThrow(/401/);
    await expect(connectClient(host.server.wsUrl, { Origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(connectClient(host.server.wsUrl, { Origin: `http://127.0.0.1:${host.server.port + 1}` })).rejects.toThrow(/403/);
    await expect(connectClient(host.server.wsUrl, { Host: `attacker.test:${host.server.port}` })).rejects.toThrow(/403/);
  });

  it('accepts our own Origin with the token', async () => {
    const c = await connectClient(host.server.wsUrl, { Origin: `http://127.0.0.1:${host.server.port}` });
    expect((await c.call('query', 'app.info', {})).ok).toBe(true);
    await c.close();
  });

  it('accepts the cookie instead of the query token', async () => {
    const c = await connectClient(`ws://127.0.0.1:${host.server.port}/api`, { Cookie: `${host.server.cookieName}=${token()}` });
    expect((await c.call('query', 'app.info', {})).ok).toBe(true);
    await c.close();
  });

  it('keeps serving after refusals', async () => {
    const c = await connectClient(host.server.wsUrl);
    const r = await c.call('query', 'app.info', {});
    expect(r.ok && (r.value as { transport: string }).transport).toBe('ws');
    await c.close();
  });
});
