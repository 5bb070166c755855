// The keys & live section's state: what the core says about each venue's stored keys (never a
// secret: stored, fingerprint, dates) and the arming checklist. The armed flag is app-wide (the
// TopBar's ARMED badge) and follows the core's live.changed event.
import { create } from 'zustand';
import type { KeysStatus } from '../../../src-core/api/channels/keys';
import type { LiveStatus } from '../../../src-core/api/channels/live';

interface KeysState {
  keys: KeysStatus | null;
  live: LiveStatus | null;
  /** From live.status or the live.changed event, whichever came last. */
  armed: boolean;
  setKeys(k: KeysStatus): void;
  setLive(l: LiveStatus): void;
  setArmed(armed: boolean): void;
}

export const useKeysStore = create<KeysState>((set) => ({
  keys: null,
  live: null,
  armed: false,
  setKeys: (keys) => set({ keys }),
  setLive: (live) => set({ live, armed: live.armed }),
  setArmed: (armed) => set((s) => ({ armed, live: s.live === null ? null : { ...s.live, armed } })),
}));
