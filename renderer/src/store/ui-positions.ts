// Positions state: the core's overview as last received (positions.overview, then each
// positions.update), the selected row and which pair's detail is open.
import { create } from 'zustand';
import type { PositionsOverview } from '../../../src-core/api/channels/positions';

export interface PositionsState {
  overview: PositionsOverview | null;
  /** The core's clock minus this window's when the overview arrived: countdowns and hours held
   *  are measured on the core's clock (a headless core may run on another machine, or a test's
   *  simulated clock), not the browser's. */
  coreOffsetMs: number;
  /** Why the overview could not be read (the core's typed error), until one arrives. */
  error: string | null;
  selected: number | null;
  detail: number | null;
  setOverview(o: PositionsOverview): void;
  setError(e: string): void;
  select(pairSeq: number | null): void;
  openDetail(pairSeq: number | null): void;
}

export const usePositionsStore = create<PositionsState>((set) => ({
  overview: null,
  coreOffsetMs: 0,
  error: null,
  selected: null,
  detail: null,
  setOverview: (overview) => set({ overview, error: null, coreOffsetMs: overview.computedAtMs - Date.now() }),
  setError: (error) => set({ error }),
  select: (selected) => set({ selected }),
  openDetail: (detail) => set({ detail, ...(detail === null ? {} : { selected: detail }) }),
}));
