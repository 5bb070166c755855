// Manual controls' UI state: which pair the open-pair dialog previews (opened from the screener's
// selected row) and whether the flatten-all dialog is up. The dialogs own their fetched data.
import { create } from 'zustand';
import type { VenueId } from '../../../src-core/domain/venue';

export interface OpenPairTarget {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
}

interface ControlsState {
  openPair: OpenPairTarget | null;
  flattenOpen: boolean;
  showOpenPair(target: OpenPairTarget): void;
  hideOpenPair(): void;
  showFlatten(open: boolean): void;
}

export const useControlsStore = create<ControlsState>((set) => ({
  openPair: null,
  flattenOpen: false,
  showOpenPair: (target) => set({ openPair: target }),
  hideOpenPair: () => set({ openPair: null }),
  showFlatten: (open) => set({ flattenOpen: open }),
}));
