// Fee rates for MarketMeta: the account's own rates where it says them, else the published
// defaults for its tier. accountLimits carries `current_maker_fee_tick` / `current_taker_fee_tick`
// in FeeTick units, 1e6 ticks = 100 % (OpenAPI spec in zklighter-perps 1.0.272, definitions
// .AccountLimits; venues.md §1.2). Published defaults (venues.md §7.2): Standard 0 / 0; Premium
// at zero staked LIT 0.0040 % maker / 0.0280 % taker (40 and 280 ticks).
import { accountLimitsResponse } from './wire/schemas';

export const FEE_TICKS_PER_UNIT = 1_000_000;

export interface FeeRates {
  readonly makerFeeRate: number;
  readonly takerFeeRate: number;
}

export const DEFAULT_FEES: Readonly<Record<'standard' | 'premium', FeeRates>> = {
  standard: { makerFeeRate: 0, takerFeeRate: 0 },
  premium: { makerFeeRate: 40 / FEE_TICKS_PER_UNIT, takerFeeRate: 280 / FEE_TICKS_PER_UNIT },
};

/** Reads an accountLimits body; null when it is not one (the caller keeps the defaults). */
export function feesFromAccountLimits(body: unknown, tier: 'standard' | 'premium'): FeeRates | null {
  const p = accountLimitsResponse.safeParse(body);
  if (!p.success) return null;
  const d = DEFAULT_FEES[p.data.user_tier === 'premium' ? 'premium' : p.data.user_tier === 'std' ? 'standard' : tier];
  return {
    makerFeeRate: p.data.current_maker_fee_tick === undefined ? d.makerFeeRate : p.data.current_maker_fee_tick / FEE_TICKS_PER_UNIT,
    takerFeeRate: p.data.current_taker_fee_tick === undefined ? d.takerFeeRate : p.data.current_taker_fee_tick / FEE_TICKS_PER_UNIT,
  };
}
