import { create } from 'zustand';

/** The screens, in nav order: the digit keys 1–n jump to them. */
export const SCREENS = ['screener', 'positions', 'history', 'health', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export const useNavStore = create<{ screen: Screen; go(s: Screen): void }>((set) => ({
  screen: 'screener',
  go: (screen) => set({ screen }),
}));
