// The update feed client (main/update/feed.ts) and checker (check.ts) against a real loopback
// HTTP server: a valid feed is read and a newer version told once; a bad status, non-JSON, a
// schema violation, an oversized body, a redirect and a server that never answers are typed
// failures that tell the trader nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpdateChecker } from '../../../main/update/check';
import { FEED_MAX_BYTES, fetchUpdateFeed } from '../../../main/update/feed';
import { silentLogger } from '../../../src-core/telemetry/log';

let server: Server;
let base: string;
const routes = new Map<string, (res: import('node:http').ServerResponse) => void>();

const json = (body: unknown, status = 200) => (res: import('node:http').ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

beforeAll(async () => {
  routes.set('/ok', json({ version: '0.2.0', url: 'https://downloads.example/0.2.0', notes: 'Faster exits.' }));
  routes.set('/same', json({ version: '0.1.0', url: 'https://downloads.example/0.1.0' }));
  routes.set('/500', json({ error: 'x' }, 500));
  routes.set('/html', json('<html>proxy</html>'));
  routes.set('/schema', json({ version: 'latest', url: 'http://downloads.example/' }));
  routes.set('/big', json({ version: '0.2.0', url: 'https://downloads.example/', notes: 'x'.repeat(FEED_MAX_BYTES) }));
  routes.set('/redirect', (res) => {
    // To a valid feed on the same server: only the refusal to follow makes this a failure.
    res.writeHead(302, { location: `${base}/ok` });
    res.end();
  });
  routes.set('/hang', () => undefined);
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route === undefined) json({}, 404)(res);
    else route(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the update feed over loopback', () => {
  it('reads a valid feed', async () => {
    expect(await fetchUpdateFeed(new URL(`${base}/ok`))).toEqual({ ok: true, feed: { version: '0.2.0', url: 'https://downloads.example/0.2.0', notes: 'Faster exits.' } });
  });

  it('turns every bad answer into a typed failure', async () => {
    const cases: [string, string][] = [
      ['/500', 'http-status'],
      ['/html', 'bad-json'],
      ['/schema', 'bad-feed'],
      ['/big', 'too-large'],
      ['/redirect', 'network'],
      ['/missing', 'http-status'],
    ];
    for (const [path, error] of cases) expect(await fetchUpdateFeed(new URL(`${base}${path}`)), path).toMatchObject({ ok: false, error });
    expect(await fetchUpdateFeed(new URL(`${base}/hang`), 200)).toMatchObject({ ok: false, error: 'network' });
    expect(await fetchUpdateFeed(new URL(`http://localhost:${new URL(base).port}/ok`))).toMatchObject({ ok: false, error: 'bad-url' });
  });

  it('the checker tells the trader once per new version, and nothing when up to date or failing', async () => {
    const told: string[] = [];
    const mk = (path: string) => createUpdateChecker({ url: new URL(`${base}${path}`), currentVersion: '0.1.0', exposure: () => ({ openPairs: 1, ordersInFlight: 0 }), notify: (t) => told.push(t), log: silentLogger });
    const ok = mk('/ok');
    expect(await ok.check()).toMatchObject({ kind: 'available', version: '0.2.0', restartSafe: false });
    await ok.check();
    ok.stop();
    expect(told).toEqual(['Fundingbot 0.2.0 is available (you run 0.1.0)']);
    const same = mk('/same');
    expect(await same.check()).toEqual({ kind: 'up-to-date' });
    same.stop();
    const failing = mk('/500');
    expect(await failing.check()).toBeNull();
    failing.stop();
    expect(told).toHaveLength(1);
  });
});
