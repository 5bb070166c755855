// Quit, applied (policy: main/quit-policy.ts). Every quit (the tray, Cmd+Q, the OS logging out)
// goes through `before-quit`: it is held there, the trader is asked when a pair is open or an
// order in flight, and the process ends only after the core's orderly close (bounded by
// host/shutdown.ts CLOSE_TIMEOUT_MS) with app.exit, which does not raise `before-quit` again.
import type { App } from 'electron';
import { closeWithin, flattenAll, CLOSE_TIMEOUT_MS, FLATTEN_TIMEOUT_MS } from '../src-core/host/shutdown';
import type { CoreShell } from '../src-core/host/worker/shell';
import type { TradingState } from '../src-core/domain/venue';
import type { Awaitable } from '../src-core/host/worker/shell';
import type { Exposure } from '../src-core/host/exposure-count';
import type { Logger } from '../src-core/telemetry/log';
import { quitChoice, quitPrompt, type QuitPrompt } from './quit-policy';

export interface QuitGuardDeps {
  readonly app: Pick<App, 'on' | 'exit'>;
  /** The core's worker handle (host/worker/proxy.ts) or, in tests, an in-process Core. */
  readonly core: () => (Pick<CoreShell, 'close' | 'dispatcher'> & { tighten(state: TradingState, reason: string): unknown; exposure(): Awaitable<Exposure> }) | null;
  /** Shows the prompt; resolves with the index of the button pressed. */
  readonly ask: (prompt: QuitPrompt) => Promise<number>;
  readonly notify: (title: string, body: string) => void;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly closeTimeoutMs?: number;
  readonly flattenTimeoutMs?: number;
}

export function installQuitGuard(deps: QuitGuardDeps): void {
  // One quit at a time: a second Cmd+Q while the dialog is up or the core is closing is held.
  let busy = false;

  const quit = async (): Promise<void> => {
    const core = deps.core();
    if (core !== null) {
      let exposure: Exposure | null = null;
      try {
        exposure = await core.exposure();
      } catch (e) {
        // The core's worker is down (host/worker/proxy.ts): nothing is watching the pairs, and a
        // quit that waited for it could never happen. Quit, saying so; the next start reconciles.
        deps.log.error('quit: the core did not answer: quitting without asking', { error: e instanceof Error ? e.message : String(e) });
        deps.notify('Fundingbot quit without asking', 'The core was not running, so the open pairs could not be counted. They stay open; the next start reconciles them.');
      }
      const prompt = exposure === null ? null : quitPrompt(exposure);
      const choice = prompt === null ? 'leave' : quitChoice(await deps.ask(prompt));
      if (choice === 'cancel') {
        deps.log.info('quit cancelled by the trader');
        return;
      }
      if (choice === 'flatten') {
        deps.log.info('quit: flattening every pair first');
        const left = await flattenAll(core, deps.flattenTimeoutMs ?? FLATTEN_TIMEOUT_MS);
        if (left.openPairs > 0 || left.ordersInFlight > 0) {
          // Not flat: quitting now would leave what the trader asked to close. Stay running.
          deps.log.warn('quit: flatten did not finish: the app keeps running', { ...left });
          deps.notify('Fundingbot did not quit', `Flatten did not finish: ${left.openPairs} pair(s) open, ${left.ordersInFlight} order(s) in flight. Trading is REDUCING; quit again to choose.`);
          return;
        }
      }
      const r = await closeWithin(core, deps.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
      if (r.closed) deps.log.info('quit: the core closed in order');
      else deps.log.error('quit: the core did not close in order; exiting anyway', { error: r.error });
    }
    deps.app.exit(0);
  };

  deps.app.on('before-quit', (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    quit()
      .catch((err: unknown) => deps.log.error('quit failed: the app keeps running', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (busy = false));
  });
}
