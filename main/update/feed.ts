// The update feed: one JSON document `{version, url, notes?}` at a URL the trader configures
// (FUNDINGBOT_UPDATE_FEED_URL; empty, the default, means no check at all). The feed must be
// https; plain http is accepted only for the loopback address 127.0.0.1 (tests, a local mirror).
// The answer is bounded in time and size and validated; any failure is a typed result, never a
// throw, and never an update.
import { z } from 'zod';
import { parseSemVer } from './semver';
import type { UpdateFeed } from './policy';

export const UPDATE_FEED_ENV = 'FUNDINGBOT_UPDATE_FEED_URL';
export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 64 * 1024;

export type FeedError = 'bad-url' | 'network' | 'http-status' | 'too-large' | 'bad-json' | 'bad-feed';
export type FeedResult = { readonly ok: true; readonly feed: UpdateFeed } | { readonly ok: false; readonly error: FeedError; readonly message: string };

const feedSchema = z.object({
  version: z.string().refine((v) => parseSemVer(v) !== null, 'version must be a semantic version'),
  url: z.string().refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'url must be https'),
  notes: z.string().max(2_000).optional(),
});

/** The feed URL to use, or null when the check is off (unset or blank) or the URL is refused. */
export function feedUrl(raw: string | undefined): { readonly url: URL | null; readonly error: string | null } {
  if (raw === undefined || raw.trim() === '') return { url: null, error: null };
  if (!URL.canParse(raw.trim())) return { url: null, error: `not a URL: ${raw}` };
  const u = new URL(raw.trim());
  if (u.protocol === 'https:') return { url: u, error: null };
  if (u.protocol === 'http:' && u.hostname === '127.0.0.1') return { url: u, error: null };
  return { url: null, error: `the update feed must be https (http only for 127.0.0.1): ${u.protocol}//${u.host}` };
}

export async function fetchUpdateFeed(url: URL, timeoutMs = FEED_TIMEOUT_MS): Promise<FeedResult> {
  const checked = feedUrl(url.href);
  if (checked.url === null) return { ok: false, error: 'bad-url', message: checked.error ?? 'no URL' };
  let res: Response;
  try {
    // No redirects: a redirect could leave https or the loopback host the URL check allowed.
    res = await fetch(checked.url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  } catch (e) {
    return { ok: false, error: 'network', message: e instanceof Error ? e.message : String(e) };
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    return { ok: false, error: 'http-status', message: `the feed answered ${res.status}` };
  }
  let text = '';
  try {
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    for (;;) {
      if (reader === undefined) break;
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > FEED_MAX_BYTES) {
        await reader.cancel();
        return { ok: false, error: 'too-large', message: `the feed is larger than ${FEED_MAX_BYTES} bytes` };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  } catch (e) {
    return { ok: false, error: 'network', message: e instanceof Error ? e.message : String(e) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'bad-json', message: 'the feed is not JSON' };
  }
  const parsed = feedSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'bad-feed', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'feed'}: ${i.message}`).join('; ') };
  return { ok: true, feed: { version: parsed.data.version, url: parsed.data.url, notes: parsed.data.notes ?? '' } };
}
