import { create } from 'zustand';
import type { HealthSnapshot } from '../../../src-core/api/channels/health';

export const useHealthStore = create<{ snapshot: HealthSnapshot | null; set(s: HealthSnapshot): void }>((set) => ({
  snapshot: null,
  set: (snapshot) => set({ snapshot }),
}));
