// Whether a quit asks first, and what the trader's answer means (main/quit-guard.ts applies it).
// Quitting stops the core: exits, breakers, the funding ledger and the dead-man renewals. With a
// pair open or an order in flight that is a trading decision, so the trader makes it: flatten
// everything first, leave the positions open (the venues' dead-man switches stay armed and
// cancel our resting orders when the countdown lapses; positions stay), or stay running.
import type { Exposure } from '../src-core/host/exposure-count';

export type QuitChoice = 'flatten' | 'leave' | 'cancel';

/** Button order of the dialog; the answer's index maps through it. Cancel is the default and
 *  what Escape or closing the dialog means. */
export const QUIT_BUTTONS: readonly { readonly label: string; readonly choice: QuitChoice }[] = [
  { label: 'Flatten all, then quit', choice: 'flatten' },
  { label: 'Leave open and quit', choice: 'leave' },
  { label: 'Cancel', choice: 'cancel' },
];
const CANCEL_INDEX = QUIT_BUTTONS.findIndex((b) => b.choice === 'cancel');

export interface QuitPrompt {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  readonly defaultId: number;
  readonly cancelId: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Null: nothing is open, quit at once. Otherwise the question to ask. */
export function quitPrompt(e: Exposure): QuitPrompt | null {
  if (e.openPairs === 0 && e.ordersInFlight === 0) return null;
  const what = [e.openPairs > 0 ? plural(e.openPairs, 'pair is open', 'pairs are open') : null, e.ordersInFlight > 0 ? plural(e.ordersInFlight, 'order is in flight', 'orders are in flight') : null]
    .filter((x) => x !== null)
    .join(' and ');
  return {
    message: `${what[0]!.toUpperCase()}${what.slice(1)}.`,
    detail:
      'Quitting stops monitoring them. Flatten all closes every pair at market first. Leave open keeps the positions on the venues; ' +
      'their dead-man switches stay armed, so resting orders are cancelled by the venue when the countdown lapses.',
    buttons: QUIT_BUTTONS.map((b) => b.label),
    defaultId: CANCEL_INDEX,
    cancelId: CANCEL_INDEX,
  };
}

/** The dialog's answer; anything out of range is Cancel (never a quit nobody chose). */
export function quitChoice(response: number): QuitChoice {
  return QUIT_BUTTONS[response]?.choice ?? 'cancel';
}
