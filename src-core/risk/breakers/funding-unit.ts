// The funding-unit tripwire (risk/funding-unit-tripwire.ts) as a breaker result, so its trips go
// through the breaker board like every other breaker's. Only 'reduce' trips; a 'warn' is an
// alarm, not a state change.
import { describeCheck, type FundingCheck } from '../funding-unit-tripwire';
import { NO_TRIP, type BreakerResult } from './types';

export function fundingCheckResult(venue: string, symbol: string, check: FundingCheck): BreakerResult {
  if (check.action !== 'reduce') return NO_TRIP;
  return { trip: { to: 'REDUCING', reason: describeCheck(venue, symbol, check) } };
}
