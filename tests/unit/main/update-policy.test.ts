// main/update/semver.ts, policy.ts and the URL rule of feed.ts: semver precedence as the spec
// orders it, an update is offered only when provably newer, the notice never calls a restart
// safe with a pair open or an order in flight, and the feed URL must be https (http only for
// 127.0.0.1), blank meaning off.
import { describe, expect, it } from 'vitest';
import { feedUrl } from '../../../main/update/feed';
import { decideUpdate, restartSafe } from '../../../main/update/policy';
import { compareSemVer, parseSemVer } from '../../../main/update/semver';

const v = (s: string) => {
  const p = parseSemVer(s);
  if (p === null) throw new Error(`not semver: ${s}`);
  return p;
};

describe('semver', () => {
  it('orders versions as semver.org 2.0.0 §11 lists them', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0', '10.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareSemVer(v(ordered[i]!), v(ordered[i + 1]!))).toBe(-1);
      expect(compareSemVer(v(ordered[i + 1]!), v(ordered[i]!))).toBe(1);
    }
    expect(compareSemVer(v('1.2.3+build.5'), v('1.2.3'))).toBe(0);
  });

  it('refuses what is not a version', () => {
    for (const s of ['', '1', '1.2', 'v1.2.3', '01.2.3', '1.2.3-', '1.2.3-01', '1.2.x', ' 1.2.3', '1.2.3 ', '99999999999999999999.0.0']) expect(parseSemVer(s)).toBeNull();
  });
});

describe('the update policy', () => {
  const feed = { version: '0.2.0', url: 'https://downloads.example/fundingbot/0.2.0', notes: 'Faster exits.' };
  const flat = { openPairs: 0, ordersInFlight: 0 };

  it('offers only a newer version', () => {
    expect(decideUpdate('0.1.0', feed, flat)).toMatchObject({ kind: 'available', version: '0.2.0', restartSafe: true });
    expect(decideUpdate('0.2.0', feed, flat)).toEqual({ kind: 'up-to-date' });
    expect(decideUpdate('0.3.0', feed, flat)).toEqual({ kind: 'up-to-date' });
    expect(decideUpdate('0.2.0-rc.1', feed, flat).kind).toBe('available');
    expect(decideUpdate('not-a-version', feed, flat)).toEqual({ kind: 'up-to-date' });
  });

  it('never calls a restart safe with a pair open or an order in flight', () => {
    expect(restartSafe(flat)).toBe(true);
    expect(restartSafe({ openPairs: 1, ordersInFlight: 0 })).toBe(false);
    expect(restartSafe({ openPairs: 0, ordersInFlight: 1 })).toBe(false);
    const d = decideUpdate('0.1.0', feed, { openPairs: 2, ordersInFlight: 1 });
    expect(d).toMatchObject({ kind: 'available', restartSafe: false });
    expect(d.kind === 'available' && d.body).toContain('will not restart by itself');
  });
});

describe('the feed URL', () => {
  it('is off when unset or blank', () => {
    expect(feedUrl(undefined)).toEqual({ url: null, error: null });
    expect(feedUrl('  ')).toEqual({ url: null, error: null });
  });

  it('accepts https anywhere and http only on 127.0.0.1', () => {
    expect(feedUrl('https://updates.example/feed.json').url?.href).toBe('https://updates.example/feed.json');
    expect(feedUrl('http://127.0.0.1:8080/feed.json').url?.port).toBe('8080');
    for (const bad of ['http://updates.example/feed.json', 'http://localhost/feed.json', 'http://127.0.0.2/feed.json', 'file:///etc/passwd', 'ftp://x/y', 'nonsense']) {
      const r = feedUrl(bad);
      expect(r.url).toBeNull();
      expect(r.error).not.toBeNull();
    }
  });
});
