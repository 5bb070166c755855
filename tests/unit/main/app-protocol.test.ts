// main/app-protocol.ts over real files: app://fundingbot/ serves out/renderer only, refuses
// every way out of it (.., encoded separators, other hosts and schemes), GET/HEAD only, with
// our CSP and a MIME type on every answer.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ENTRY_URL, appProtocolHandler, resolveAppRequest } from '../../../main/app-protocol';
import { tempDir } from '../../helpers/tmp';

const t = tempDir();
afterAll(t.cleanup);
const root = join(t.dir, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Fundingbot</title>');
writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'notes.txt'), 'no type for this');
writeFileSync(join(t.dir, 'secret.json'), '{"key":"outside the renderer"}');
const CSP = "default-src 'self'";
const handler = appProtocolHandler(root, CSP);

describe('app:// URL → file', () => {
  it('maps our host to files under the renderer, the bare root to index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://fundingbot/index.html');
    expect(resolveAppRequest('app://fundingbot/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://fundingbot/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://fundingbot/assets/index-1.js?v=2#x', root)).toBe(join(root, 'assets', 'index-1.js'));
    expect(resolveAppRequest('app://fundingbot/assets/a%20b.js', root)).toBe(join(root, 'assets', 'a b.js'));
  });
  it('keeps dot segments inside the root (the URL parser already folds them away)', () => {
    expect(resolveAppRequest('app://fundingbot/../secret.json', root)).toBe(join(root, 'secret.json'));
    expect(resolveAppRequest('app://fundingbot/%2e%2e/secret.json', root)).toBe(join(root, 'secret.json'));
    expect(resolveAppRequest('app://fundingbot/assets/../../../secret.json', root)).toBe(join(root, 'secret.json'));
  });
  it('refuses encoded separators and dots, NUL, bad escapes, other hosts, schemes and credentials', () => {
    for (const url of [
      'app://fundingbot/assets/%2e%2e%2f..%2fsecret.json',
      'app://fundingbot/..%5csecret.json',
      'app://fundingbot/a%2f..%2f..%2fsecret.json',
      'app://fundingbot/index.html%00.js',
      'app://fundingbot/%E0%A4%A',
      'app://other/index.html',
      'app://user@fundingbot/index.html',
      'file:///etc/passwd',
      'https://fundingbot/index.html',
      'not a url',
    ]) {
      expect([url, resolveAppRequest(url, root)]).toEqual([url, null]);
    }
  });
});

describe('app:// handler', () => {
  it('serves the page and its assets with a MIME type, our CSP and nosniff', async () => {
    const page = await handler(new Request('app://fundingbot/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Fundingbot</title>');
    const js = await handler(new Request('app://fundingbot/assets/index-1.js'));
    expect([js.status, js.headers.get('content-type'), await js.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
  });
  it('answers 404 outside the renderer, for a missing file and for a type it does not serve; 405 for writes', async () => {
    for (const url of ['app://fundingbot/../secret.json', 'app://fundingbot/%2e%2e/secret.json', 'app://fundingbot/nope.js', 'app://fundingbot/assets/notes.txt', 'app://fundingbot/assets']) {
      const r = await handler(new Request(url));
      expect([url, r.status, r.headers.get('content-security-policy')]).toEqual([url, 404, CSP]);
    }
    expect((await handler(new Request('app://fundingbot/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request('app://fundingbot/index.html', { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
