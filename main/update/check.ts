// The update check, applied: reads the feed (main/update/feed.ts) at start and then every
// UPDATE_CHECK_INTERVAL_MS, decides (main/update/policy.ts) and tells the trader once per new
// version. A feed that fails is logged and retried at the next interval; it never changes
// anything else.
import type { Exposure } from '../../src-core/host/exposure-count';
import type { Logger } from '../../src-core/telemetry/log';
import { fetchUpdateFeed } from './feed';
import { decideUpdate, type UpdateDecision } from './policy';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 3_600_000;

export interface UpdateCheckDeps {
  readonly url: URL;
  readonly currentVersion: string;
  readonly exposure: () => Exposure | Promise<Exposure>;
  readonly notify: (title: string, body: string) => void;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  readonly timeoutMs?: number;
}

export interface UpdateChecker {
  /** One check now; resolves with what it decided (null when the feed failed). */
  check(): Promise<UpdateDecision | null>;
  stop(): void;
}

export function createUpdateChecker(deps: UpdateCheckDeps, intervalMs = UPDATE_CHECK_INTERVAL_MS): UpdateChecker {
  let told: string | null = null;
  const check = async (): Promise<UpdateDecision | null> => {
    const r = await fetchUpdateFeed(deps.url, deps.timeoutMs);
    if (!r.ok) {
      deps.log.warn('update check failed', { error: r.error, message: r.message });
      return null;
    }
    let exposure: Exposure;
    try {
      exposure = await deps.exposure();
    } catch (e) {
      // The core (a worker thread) is down or restarting: ask again at the next interval.
      deps.log.warn('update check: the core did not answer', { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
    const d = decideUpdate(deps.currentVersion, r.feed, exposure);
    if (d.kind === 'available' && told !== d.version) {
      told = d.version;
      deps.log.info('a new version is available', { version: d.version, restartSafe: d.restartSafe });
      deps.notify(d.title, d.body);
    }
    return d;
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
