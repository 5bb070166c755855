// N failed entries in a row ⇒ REDUCING (upstream's "3 consecutive failures" breaker, §8). A pair
// that opened resets the count. An entry refused before any order (gates, risk, stale data) is
// neither: nothing was tried on a venue, and counting refusals would trip on a REDUCING gate's
// own refusals.
import type { AttemptOutcome } from '../../domain/enums';
import type { RiskSettings } from '../../config/risk';
import { RiskInputError } from '../risk-error';
import { NO_TRIP, type BreakerResult } from './types';

export class ConsecutiveFailuresBreaker {
  private failedInARow = 0;

  constructor(private readonly settings: Pick<RiskSettings, 'maxConsecutiveFailedEntryCount'>) {}

  get count(): number {
    return this.failedInARow;
  }

  /** Feeds one finished entry attempt. */
  record(outcome: AttemptOutcome, detail = ''): BreakerResult {
    switch (outcome) {
      case 'opened':
        this.failedInARow = 0;
        return NO_TRIP;
      case 'refused':
        return NO_TRIP;
      case 'failed':
      case 'rolled-back':
      case 'broken':
        this.failedInARow += 1;
        break;
      case 'pending':
        throw new RiskInputError('bad-outcome', 'an attempt still pending has no outcome to count');
      default:
        throw new RiskInputError('bad-outcome', `unknown attempt outcome ${JSON.stringify(outcome)}`);
    }
    const limit = this.settings.maxConsecutiveFailedEntryCount;
    if (this.failedInARow < limit) return NO_TRIP;
    const last = detail.length > 0 ? `; last: ${outcome} (${detail})` : `; last: ${outcome}`;
    return { trip: { to: 'REDUCING', reason: `${this.failedInARow} failed entries in a row (limit ${limit})${last}` } };
  }
}
