// Two headless hosts on one machine (a sim and a paper instance) share the browser's cookies for
// 127.0.0.1: cookies are scoped by host, not port. Each instance's token cookie is named after its
// port, so loading one page never replaces the other's token, and each reads only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startHost, stubRendererDir, type RunningHost } from '../../helpers/host';
import { connectClient } from '../../helpers/ws-client';
import { tempDir } from '../../helpers/tmp';
import { tokenDigest, tokensEqual } from '../../../src-core/host/http-guard';

const cleanups: (() => void)[] = [];
let a: RunningHost;
let b: RunningHost;

beforeAll(async () => {
  const renderer = tempDir();
  cleanups.push(renderer.cleanup);
  stubRendererDir(renderer.dir);
  const start = async (): Promise<RunningHost> => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return startHost(t.dir, {}, { rendererDir: renderer.dir });
  };
  a = await start();
  b = await start();
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  for (const c of cleanups) c();
});

/** A browser's jar for one host: a cookie replaces any earlier one of the same name and path. */
const jar = new Map<string, string>();
const cookieHeader = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

function get(h: RunningHost, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = jar.size === 0 ? {} : { Cookie: cookieHeader() };
    const req = request({ host: '127.0.0.1', port: h.server.port, path, headers }, (res) => {
      res.resume();
      for (const c of res.headers['set-cookie'] ?? []) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('token cookie bound to the instance', () => {
  it('names the cookie after the port', () => {
    expect(a.server.cookieName).toBe(`fb_token_${a.server.port}`);
    expect(a.server.cookieName).not.toBe(b.server.cookieName);
  });

  it('keeps both instances reloadable (no ?token) after loading one page, then the other', async () => {
    expect(await get(a, `/?token=${a.server.token}`)).toBe(200);
    expect(await get(b, `/?token=${b.server.token}`)).toBe(200);
    expect(jar.size).toBe(2);
    expect(await get(a, '/')).toBe(200);
    expect(await get(b, '/')).toBe(200);
    const ws = await connectClient(`ws://127.0.0.1:${a.server.port}/api`, { Cookie: cookieHeader() });
    expect((await ws.call('query', 'app.info', {})).ok).toBe(true);
    await ws.close();
  });

  it("refuses one instance's token under the other's cookie name", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: a.server.port, path: '/', headers: { Cookie: `${b.server.cookieName}=${a.server.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });
});

describe('token comparison', () => {
  it('compares fixed-length digests, so any guess length is compared in full without throwing', () => {
    const token = a.server.token;
    expect(tokenDigest('x')).toHaveLength(32);
    expect(tokenDigest(token.repeat(100))).toHaveLength(32);
    for (const guess of ['', token.slice(0, -1), token + 'A', token.repeat(2), 'é'.repeat(token.length)]) expect(tokensEqual(token, guess)).toBe(false);
    expect(tokensEqual(token, token)).toBe(true);
  });
});
