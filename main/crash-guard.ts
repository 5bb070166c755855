// The shell's global crash handlers (policy: main/crash-policy.ts): uncaught exceptions and
// unhandled rejections of the main process, a renderer or child process gone. Each is logged,
// moves trading to its safer state through the core's automatic-guard path, is notified, and
// the process keeps running: with a handler installed neither Node nor Electron exits, and the
// open pairs still need the core's exits, breakers and dead-man keepers.
import type { App, RenderProcessGoneDetails, WebContents, Details } from 'electron';
import type { TradingState } from '../src-core/domain/venue';
import type { Logger } from '../src-core/telemetry/log';
import { allowReload, crashResponse, errorDetail, rendererGoneIsCrash, type CrashEvent } from './crash-policy';

export interface CrashGuardDeps {
  readonly process: { on(event: 'uncaughtException' | 'unhandledRejection', fn: (e: unknown) => void): unknown };
  readonly app: Pick<App, 'on'>;
  /** Null until the core runs (a crash during startup is logged and notified only). */
  readonly core: () => { tighten(state: TradingState, reason: string): unknown } | null;
  readonly notify: (title: string, body: string) => void;
  readonly log: Pick<Logger, 'error' | 'warn'>;
  readonly now?: () => number;
}

type Reloadable = Pick<WebContents, 'reload' | 'isDestroyed'>;

/** Returns the handler, for crashes reported from elsewhere (the core's worker, main/index.ts). */
export function installCrashGuard(deps: CrashGuardDeps): (event: CrashEvent) => void {
  const now = deps.now ?? Date.now;
  let reloads: number[] = [];

  const handle = (event: CrashEvent, contents?: Reloadable): void => {
    // This runs inside the handlers of last resort: if it threw, the process would die.
    try {
      const r = crashResponse(event);
      deps.log.error('shell: crash handled, process keeps running', { kind: event.kind, detail: event.detail, state: r.state });
      deps.core()?.tighten(r.state, r.reason);
      deps.notify(r.notice.title, r.notice.body);
      if (r.reloadRenderer && contents !== undefined && !contents.isDestroyed()) {
        const d = allowReload(reloads, now());
        reloads = d.recentMs;
        if (d.allow) contents.reload();
        else deps.log.warn('shell: the window keeps crashing: not reloading it again for now', { reloads: reloads.length });
      }
    } catch (e) {
      try {
        deps.log.error('shell: the crash handler itself failed', { kind: event.kind, error: errorDetail(e) });
      } catch {
        // Nothing left to report to.
      }
    }
  };

  deps.process.on('uncaughtException', (e) => handle({ kind: 'uncaught-exception', detail: errorDetail(e) }));
  deps.process.on('unhandledRejection', (e) => handle({ kind: 'unhandled-rejection', detail: errorDetail(e) }));
  deps.app.on('render-process-gone', (_e: unknown, contents: WebContents, details: RenderProcessGoneDetails) => {
    if (!rendererGoneIsCrash(details.reason)) return;
    handle({ kind: 'renderer-gone', detail: `reason ${details.reason}, exit code ${details.exitCode}` }, contents);
  });
  deps.app.on('child-process-gone', (_e: unknown, details: Details) => {
    if (details.reason === 'clean-exit') return;
    handle({ kind: 'child-process-gone', detail: `${details.type}${details.name === undefined ? '' : ` (${details.name})`}: reason ${details.reason}, exit code ${details.exitCode}` });
  });
  return (event) => handle(event);
}
