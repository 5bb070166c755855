// The tray menu as data: which items exist and what each one does, for every trading state.
// main/tray/tray.ts turns it into an Electron Menu; this part is unit-tested.
import type { TradingState } from '../../src-core/domain/venue';

export type TrayAction =
  | { readonly kind: 'open-window' }
  | { readonly kind: 'set-state'; readonly state: TradingState; readonly reason: string }
  | { readonly kind: 'quit' }
  | { readonly kind: 'confirm-quit'; readonly openPairs: number };

export interface TrayItem {
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
  readonly action: TrayAction | null;
}

export interface TrayInput {
  readonly state: TradingState;
  readonly openPairs: number;
  /** Reconciliation findings waiting for the trader (notices.status). */
  readonly decisionsWaiting?: number;
}

export function trayMenuModel(input: TrayInput): readonly TrayItem[] {
  const { state, openPairs } = input;
  const waiting = input.decisionsWaiting ?? 0;
  return [
    { id: 'status', label: `Trading: ${state}`, enabled: false, action: null },
    ...(waiting > 0 ? [{ id: 'decisions', label: `${decisionsLabel(waiting)} waiting…`, enabled: true, action: { kind: 'open-window' } } as const] : []),
    { id: 'open', label: 'Open Fundingbot', enabled: true, action: { kind: 'open-window' } },
    {
      id: 'pause',
      label: 'Pause entries (reduce only)',
      enabled: state === 'ACTIVE',
      action: { kind: 'set-state', state: 'REDUCING', reason: 'tray: pause entries' },
    },
    {
      id: 'halt',
      label: 'Halt (cancel only)',
      enabled: state !== 'HALTED',
      action: { kind: 'set-state', state: 'HALTED', reason: 'tray: halt' },
    },
    {
      id: 'resume',
      label: 'Resume trading',
      enabled: state !== 'ACTIVE',
      action: { kind: 'set-state', state: 'ACTIVE', reason: 'tray: resume' },
    },
    {
      id: 'quit',
      label: openPairs > 0 ? `Quit (${openPairs} open pair${openPairs === 1 ? '' : 's'})…` : 'Quit',
      enabled: true,
      action: openPairs > 0 ? { kind: 'confirm-quit', openPairs } : { kind: 'quit' },
    },
  ];
}

export function trayIconName(state: TradingState): string {
  switch (state) {
    case 'ACTIVE':
      return 'tray-active.png';
    case 'REDUCING':
      return 'tray-reducing.png';
    case 'HALTED':
      return 'tray-halted.png';
  }
}

function decisionsLabel(n: number): string {
  return `${n} decision${n === 1 ? '' : 's'}`;
}

export function trayTooltip(state: TradingState, openPairs: number, decisionsWaiting = 0): string {
  const base = `Fundingbot — ${state}, ${openPairs} open pair${openPairs === 1 ? '' : 's'}`;
  return decisionsWaiting > 0 ? `${base}, ${decisionsLabel(decisionsWaiting)} waiting` : base;
}

/** The badge next to the tray icon / on the dock: the decisions waiting, empty when none. */
export function trayBadge(decisionsWaiting: number): string {
  return decisionsWaiting > 0 ? String(Math.min(decisionsWaiting, 99)) : '';
}
