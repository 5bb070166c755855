// Authenticated reads: the token goes in the Authorization header (raw, no "Bearer"; venues.md
// §1.2). An expired or refused token (HTTP 401, or code 20013 as the upstream bot observed) is
// refreshed once; any other failure throws, so a failed query is never mistaken for "none".
import { VenueError } from '../common/errors';
import type { LighterContext } from './options';

export const AUTH_EXPIRED_CODE = 20013;

export async function privateGet(ctx: LighterContext, path: string, query: Record<string, string | number | undefined>, route: string): Promise<unknown> {
  if (ctx.auth === null) throw new VenueError('definitive', 'Lighter credentials are not configured');
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await ctx.auth.get();
    const res = await ctx.http.request({ path, query, route, headers: { Authorization: token } });
    const code = (res.body as { code?: unknown } | null)?.code;
    if (res.status === 401 || code === AUTH_EXPIRED_CODE) {
      ctx.auth.invalidate();
      continue;
    }
    if (res.status >= 400) throw new VenueError('definitive', `${route}: HTTP ${res.status}`, res.status, res.body, typeof code === 'number' ? code : null);
    return res.body;
  }
  throw new VenueError('definitive', `${route}: auth refused`);
}
