// Typed refusals of the risk layer's inputs. A RiskInputError means the caller handed over
// something that cannot be judged (not a decimal, a step of zero, a pair with one venue twice):
// nothing was counted, confirmed or cleared, and no state changed.

export type RiskInputErrorCode = 'bad-decimal' | 'bad-step' | 'bad-notional' | 'bad-number' | 'bad-pair' | 'bad-outcome' | 'bad-effect';

export class RiskInputError extends Error {
  override readonly name = 'RiskInputError';
  constructor(
    readonly code: RiskInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
