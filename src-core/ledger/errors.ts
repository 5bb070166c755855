// Typed refusals of the ledger. Each one means nothing was written.

export type LedgerErrorCode =
  | 'not-durable'
  | 'no-epoch'
  | 'pair-seq-exhausted'
  | 'pair-seq-unallocated'
  | 'pair-mismatch'
  | 'leg-mismatch'
  | 'bad-amount'
  | 'overfill'
  | 'fill-mismatch'
  | 'unknown-intent'
  | 'intent-mismatch'
  | 'in-transaction';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
