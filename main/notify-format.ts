import type { Fill } from '../src-core/venues/port';

const VENUE_NAMES = { lighter: 'Lighter', extended: 'Extended' } as const;

/** "Bought 0.500 ETH on Lighter @ 3,311.20 (maker, fee $0.03)". Sizes and prices are shown as
 *  the venue reported them (exact strings), never re-rounded. */
export function fillNotification(fill: Fill): { title: string; body: string } {
  const verb = fill.side === 'buy' ? 'Bought' : 'Sold';
  const price = Number(fill.price).toLocaleString('en-US', { maximumFractionDigits: 10 });
  // Display only: the exact fee string stays in the ledger.
  const feeUsd = Number(fill.feeUsd);
  const fee = Math.abs(feeUsd) < 0.005 ? '<$0.01' : `$${Math.abs(feeUsd).toFixed(2)}`;
  return {
    title: `${fill.symbol} ${fill.side === 'buy' ? 'buy' : 'sell'} filled on ${VENUE_NAMES[fill.venue]}`,
    body: `${verb} ${fill.size} ${fill.symbol} on ${VENUE_NAMES[fill.venue]} @ ${price} (${fill.isMaker ? 'maker' : 'taker'}, fee ${fee}${feeUsd < 0 ? ' rebate' : ''})`,
  };
}
