// Toasts: how every command failure (and a few confirmations) reaches the trader. A failure is
// never swallowed: a command that answers `ok: false` pushes the typed error here (api/use-command.ts).
import { create } from 'zustand';
import type { ApiErrorCode } from '../../../src-core/api/envelope';

export type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  /** What was tried, in the trader's words ("Close BTC pair #3"). */
  readonly title: string;
  readonly message: string;
  /** The contract's error code, for an error. */
  readonly code: ApiErrorCode | null;
  readonly atMs: number;
}

/** Errors stay until dismissed; info and success go after this long. */
export const TOAST_INFO_TTL_MS = 6_000;
/** The oldest toasts go first past this many, so a storm of failures cannot fill the screen. */
export const TOAST_MAX = 6;

interface ToastState {
  toasts: readonly Toast[];
  push(t: Omit<Toast, 'id' | 'atMs' | 'code'> & { code?: ApiErrorCode | null }): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>((set) => ({
  toasts: [],
  push: (t) => {
    const id = nextId++;
    const toast: Toast = { id, kind: t.kind, title: t.title, message: t.message, code: t.code ?? null, atMs: Date.now() };
    set((s) => ({ toasts: [...s.toasts, toast].slice(-TOAST_MAX) }));
    if (t.kind !== 'error') setTimeout(() => useToastStore.getState().dismiss(id), TOAST_INFO_TTL_MS);
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })),
}));
