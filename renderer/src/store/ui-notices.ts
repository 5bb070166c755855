// What the core told the trader (notices.new) and how many reconciliation decisions wait
// (notices.status): the TopBar's badge and the Settings page read it.
import { create } from 'zustand';
import type { EventPayload } from '../../../src-core/api/contract';

type Notice = EventPayload<'notices.new'>;

/** As many as the core keeps (api/channels/notices.ts NOTICES_RECENT_MAX). */
const KEEP = 50;

interface NoticeState {
  recent: readonly Notice[];
  decisionsWaiting: number;
  add(n: Notice): boolean;
  load(notices: readonly Notice[], decisionsWaiting: number): void;
  setWaiting(n: number): void;
}

export const useNoticeStore = create<NoticeState>((set, get) => ({
  recent: [],
  decisionsWaiting: 0,
  /** False when this notice was already seen (a reload of recent ones after a reconnect). */
  add: (n) => {
    if (get().recent.some((x) => x.id === n.id)) return false;
    set((s) => ({ recent: [...s.recent, n].slice(-KEEP) }));
    return true;
  },
  load: (notices, decisionsWaiting) => set({ recent: notices.slice(-KEEP), decisionsWaiting }),
  setWaiting: (decisionsWaiting) => set({ decisionsWaiting }),
}));
