// What an update check may do, as data (main/update/check.ts applies it). It only tells the
// trader a new version exists: the app never downloads, installs or restarts by itself, because a
// restart stops the core under open pairs and orders in flight (their exits, breakers and
// dead-man renewals). The notice says whether installing now is safe: never while a pair is open
// or an order is in flight; the trader quits through the quit guard (main/quit-guard.ts), which
// asks again.
import type { Exposure } from '../../src-core/host/exposure-count';
import { compareSemVer, parseSemVer } from './semver';

export interface UpdateFeed {
  readonly version: string;
  readonly url: string;
  readonly notes: string;
}

export type UpdateDecision =
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'available'; readonly version: string; readonly title: string; readonly body: string; readonly restartSafe: boolean };

/** A restart for an update is safe only with nothing open and nothing in flight. */
export function restartSafe(e: Exposure): boolean {
  return e.openPairs === 0 && e.ordersInFlight === 0;
}

export function decideUpdate(currentVersion: string, feed: UpdateFeed, exposure: Exposure): UpdateDecision {
  const current = parseSemVer(currentVersion);
  const offered = parseSemVer(feed.version);
  // A version we cannot order is never offered: "newer" must be provable.
  if (current === null || offered === null || compareSemVer(offered, current) <= 0) return { kind: 'up-to-date' };
  const safe = restartSafe(exposure);
  const when = safe
    ? 'No pair is open: you can quit and install it.'
    : `${exposure.openPairs} pair(s) open and ${exposure.ordersInFlight} order(s) in flight: close them before you quit to install. Fundingbot will not restart by itself.`;
  return {
    kind: 'available',
    version: feed.version,
    title: `Fundingbot ${feed.version} is available (you run ${currentVersion})`,
    body: `${when}${feed.notes.length > 0 ? ` ${feed.notes}` : ''} ${feed.url}`.slice(0, 400),
    restartSafe: safe,
  };
}
