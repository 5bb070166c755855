// The persisted trading state as a value: what it is, why, and since when. The transition rules
// live in risk/trading-state.ts; the store persists the record.
import type { TradingState } from './enums';

export interface TradingStateRecord {
  readonly state: TradingState;
  readonly reason: string;
  readonly changedAtMs: number;
}
