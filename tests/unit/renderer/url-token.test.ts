// The page's token leaves the address bar on first load (history.replaceState), keeping the rest
// of the URL; without a token nothing is rewritten (the cookie authenticates).
import { describe, expect, it } from 'vitest';
import { takeUrlToken, type TokenHistory } from '../../../renderer/src/api/url-token';

function recordingHistory(): TokenHistory & { urls: (string | URL | null | undefined)[] } {
  const urls: (string | URL | null | undefined)[] = [];
  return { urls, replaceState: (_d, _u, url) => urls.push(url) };
}

describe('takeUrlToken', () => {
  it('returns the token and replaces the entry with the URL minus the token', () => {
    const h = recordingHistory();
    expect(takeUrlToken({ href: 'http://127.0.0.1:5170/?token=abc-_123&tab=pairs#row' }, h)).toBe('abc-_123');
    expect(h.urls).toEqual(['/?tab=pairs#row']);
  });

  it('leaves a bare path when the token was the only parameter', () => {
    const h = recordingHistory();
    expect(takeUrlToken({ href: 'http://127.0.0.1:5170/?token=t0k' }, h)).toBe('t0k');
    expect(h.urls).toEqual(['/']);
    expect(String(h.urls[0])).not.toContain('t0k');
  });

  it('does not touch history without a token (a reload after the first load)', () => {
    const h = recordingHistory();
    expect(takeUrlToken({ href: 'http://127.0.0.1:5170/' }, h)).toBeNull();
    expect(h.urls).toEqual([]);
  });
});
