// The strategy's input, built in one place from the two settings sections: the gate thresholds
// as they are, plus the trading parameters under the names the strategy functions read.
import type { ScreenerSettings } from './screener';
import type { Settings } from './schema';
import type { TradingSettings } from './trading';

export interface ScreenerParams extends ScreenerSettings {
  /** trading.notionalPerPairUsd: the size every opportunity is costed at (each leg). */
  readonly notionalUsd: number;
  readonly maxOpenPairs: number;
  readonly leverageMultiple: number;
  readonly makerVenue: TradingSettings['makerVenue'];
  readonly maxSlippageBps: number;
  readonly cooldownMinutes: number;
  readonly minFreeMarginFraction: number;
}

export function screenerParams(settings: Pick<Settings, 'trading' | 'screener'>): ScreenerParams {
  const t = settings.trading;
  return {
    ...settings.screener,
    notionalUsd: t.notionalPerPairUsd,
    maxOpenPairs: t.maxOpenPairs,
    leverageMultiple: t.leverageMultiple,
    makerVenue: t.makerVenue,
    maxSlippageBps: t.maxSlippageBps,
    cooldownMinutes: t.cooldownMinutes,
    minFreeMarginFraction: t.minFreeMarginFraction,
  };
}
