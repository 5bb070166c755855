import type { FillNew } from '../src-core/api/channels/pairs';

const VENUE_NAMES = { lighter: 'Lighter', extended: 'Extended' } as const;

/** The fields of a `fills.new` event the notification shows (a venue port Fill fits too, with a
 *  pair number added). */
export type FillNotice = Pick<FillNew, 'venue' | 'symbol' | 'side' | 'size' | 'price' | 'feeUsd' | 'isMaker' | 'pairSeq'>;

/** "3311.20" → "3,311.20": thousands grouped on the exact string, never through a float, so the
 *  price reads digit for digit as the venue filled it. */
export function groupThousands(decimal: string): string {
  const m = /^([+-]?)(\d+)(\.\d+)?$/.exec(decimal);
  if (m === null) return decimal;
  return `${m[1] === '-' ? '-' : ''}${m[2]!.replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/** Title "ETH buy filled on Lighter (pair 7)", body "Bought 0.500 ETH on Lighter @ 3,311.20
 *  (maker, fee $0.03)". Size and price are the exact strings of the fill, never re-rounded. */
export function fillNotification(fill: FillNotice): { title: string; body: string } {
  const verb = fill.side === 'buy' ? 'Bought' : 'Sold';
  const venue = VENUE_NAMES[fill.venue];
  // Display only: the exact fee string stays in the ledger.
  const feeUsd = Number(fill.feeUsd);
  const fee = Math.abs(feeUsd) < 0.005 ? '<$0.01' : `$${Math.abs(feeUsd).toFixed(2)}`;
  return {
    title: `${fill.symbol} ${fill.side} filled on ${venue} (pair ${fill.pairSeq})`,
    body: `${verb} ${fill.size} ${fill.symbol} on ${venue} @ ${groupThousands(fill.price)} (${fill.isMaker ? 'maker' : 'taker'}, fee ${fee}${feeUsd < 0 ? ' rebate' : ''})`,
  };
}
