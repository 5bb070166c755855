import { create } from 'zustand';

export const SCREENS = ['screener', 'positions', 'health', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export const useNavStore = create<{ screen: Screen; go(s: Screen): void }>((set) => ({
  screen: 'screener',
  go: (screen) => set({ screen }),
}));
