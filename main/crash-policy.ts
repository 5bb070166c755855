// What the shell does when something crashes under it, as data (main/crash-guard.ts applies it).
// The core runs in a worker thread of the main process (src-core/host/worker/), and main relays
// everything the trader sees and does, so a crash there is never "just the UI":
// - an uncaught exception escaped a stack of main, which hosts the core: the core's own state
//   (an order half sent, a ledger write half done) is in doubt, so trading goes HALTED (cancels
//   only) until the trader has looked;
// - an unhandled rejection is a promise nobody awaited: the work it belonged to is lost but the
//   code that threw did not unwind a caller, so REDUCING (no new entries, exits still run);
// - a renderer or child process (GPU, utility, network service) gone: the core is intact, but
//   the trader may not see what it does, so REDUCING, and a crashed window is reloaded.
// Every case is logged and notified; none exits the process (open pairs still need the core).
import type { TradingState } from '../src-core/domain/venue';

export type CrashKind = 'uncaught-exception' | 'unhandled-rejection' | 'renderer-gone' | 'child-process-gone' | 'core-exception' | 'core-rejection' | 'core-gone';

export interface CrashEvent {
  readonly kind: CrashKind;
  /** The error's message, or Electron's details (reason, exit code, process type). */
  readonly detail: string;
}

export interface CrashResponse {
  readonly state: TradingState;
  readonly reason: string;
  readonly notice: { readonly title: string; readonly body: string };
  /** Reload the window's renderer (only when its process is gone). */
  readonly reloadRenderer: boolean;
}

const WHAT: Readonly<Record<CrashKind, { state: TradingState; label: string }>> = {
  'uncaught-exception': { state: 'HALTED', label: 'uncaught exception in the main process' },
  'unhandled-rejection': { state: 'REDUCING', label: 'unhandled promise rejection in the main process' },
  'renderer-gone': { state: 'REDUCING', label: 'the window crashed' },
  'child-process-gone': { state: 'REDUCING', label: 'a helper process crashed' },
  // The core runs in a worker thread (src-core/host/worker/): the same rules apply to its own
  // exceptions and rejections. A worker gone is restarted by the proxy, which HALTS the new core;
  // the tighten asked here finds no core and is only what the notice says.
  'core-exception': { state: 'HALTED', label: 'uncaught exception in the core' },
  'core-rejection': { state: 'REDUCING', label: 'unhandled promise rejection in the core' },
  'core-gone': { state: 'HALTED', label: 'the core stopped and is restarted' },
};

export function crashResponse(e: CrashEvent): CrashResponse {
  const { state, label } = WHAT[e.kind];
  const effect = state === 'HALTED' ? 'Trading is HALTED (cancels only)' : 'Trading is REDUCING (no new entries)';
  return {
    state,
    reason: `shell: ${label}: ${e.detail}`,
    notice: { title: `Fundingbot: ${label}`, body: `${effect} until you resume it. ${e.detail}`.slice(0, 240) },
    reloadRenderer: e.kind === 'renderer-gone',
  };
}

/** Electron's render-process-gone reasons that are not a crash: the window closed normally. */
export function rendererGoneIsCrash(reason: string): boolean {
  return reason !== 'clean-exit';
}

/** A renderer that crashes again right after each reload would loop forever: at most
 *  `maxReloads` reloads inside `windowMs`, then the window stays as it is (trading is REDUCING
 *  and the trader was notified). Returns the kept reload times and whether to reload now. */
export function allowReload(recentMs: readonly number[], nowMs: number, maxReloads = 3, windowMs = 60_000): { allow: boolean; recentMs: number[] } {
  const kept = recentMs.filter((t) => nowMs - t < windowMs);
  if (kept.length >= maxReloads) return { allow: false, recentMs: kept };
  return { allow: true, recentMs: [...kept, nowMs] };
}

export function errorDetail(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
