// The tray notification of a fill of ours (`fills.new`): side, exact size, symbol, venue, exact
// price, role and fee, from a pure formatter.
import { describe, expect, it } from 'vitest';
import { breakerNoticeDraft, commandFailedNoticeDraft, decisionNoticeDraft, fillNotification, groupThousands, pairNoticeDraft, usdCents, type FillNotice } from '../../../src-core/host/notices/notice-text';
import type { PairRow } from '../../../src-core/api/channels/pairs';
import { contract } from '../../../src-core/api/contract';
import type { Fill } from '../../../src-core/venues/port';

const fill = {
  venue: 'lighter',
  venueFillId: 'f-1',
  symbol: 'ETH',
  side: 'buy',
  size: '0.500',
  price: '3311.20',
  feeUsd: '0.0331',
  isMaker: true,
  pairSeq: 7,
  leg: 0,
  timeMs: 1,
} as const;

describe('fill notification text', () => {
  it('formats a valid fills.new payload: venue, side, exact size and price, role, fee, pair', () => {
    expect(contract.events['fills.new'].safeParse(fill).success).toBe(true);
    expect(fillNotification(fill)).toEqual({ title: 'ETH buy filled on Lighter (pair 7)', body: 'Bought 0.500 ETH on Lighter @ 3,311.20 (maker, fee $0.03)' });
  });

  it('handles sells, takers, tiny fees and rebates', () => {
    expect(fillNotification({ ...fill, side: 'sell', venue: 'extended', isMaker: false, feeUsd: '0.001' })).toEqual({
      title: 'ETH sell filled on Extended (pair 7)',
      body: 'Sold 0.500 ETH on Extended @ 3,311.20 (taker, fee <$0.01)',
    });
    expect(fillNotification({ ...fill, feeUsd: '-0.02' }).body).toBe('Bought 0.500 ETH on Lighter @ 3,311.20 (maker, fee $0.02 rebate)');
    expect(fillNotification({ ...fill, feeUsd: '0.005' }).body).toContain('fee $0.01)');
    expect(fillNotification({ ...fill, feeUsd: '0.0049' }).body).toContain('fee <$0.01)');
    expect(fillNotification({ ...fill, feeUsd: '0' }).body).toContain('fee <$0.01)');
  });

  it('names pair 0 (a pair number is never tested for truthiness)', () => {
    expect(fillNotification({ ...fill, pairSeq: 0 }).title).toBe('ETH buy filled on Lighter (pair 0)');
  });

  it('keeps every digit of a price a float would round', () => {
    expect(fillNotification({ ...fill, symbol: 'BTC', size: '0.00001', price: '123456789.123456789123' }).body).toBe(
      'Bought 0.00001 BTC on Lighter @ 123,456,789.123456789123 (maker, fee $0.03)',
    );
  });

  it('accepts a venue port Fill with its pair number', () => {
    const portFill: Fill = { venue: 'extended', symbol: 'SOL', venueFillId: '1', venueOrderId: '2', clientOrderId: '3', side: 'sell', size: '12', price: '150.5', feeUsd: '0.9', isMaker: false, timeMs: 1 };
    const notice: FillNotice = { ...portFill, pairSeq: 3 };
    expect(fillNotification(notice).body).toBe('Sold 12 SOL on Extended @ 150.5 (taker, fee $0.90)');
  });
});

describe('groupThousands', () => {
  it('groups the integer part only, exactly', () => {
    expect(groupThousands('0')).toBe('0');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('1000')).toBe('1,000');
    expect(groupThousands('100000')).toBe('100,000');
    expect(groupThousands('1234567.0001')).toBe('1,234,567.0001');
    expect(groupThousands('0.123456')).toBe('0.123456');
    expect(groupThousands('-1234.5')).toBe('-1,234.5');
    expect(groupThousands('+1234')).toBe('1,234');
  });
  it('leaves a string that is not a plain decimal as it is', () => {
    expect(groupThousands('1e5')).toBe('1e5');
    expect(groupThousands('')).toBe('');
  });
});

describe('notices of a pair, a breaker and the decision queue', () => {
  const row = (over: Partial<PairRow> = {}): PairRow => ({
    pairSeq: 0,
    symbol: 'ETH',
    longVenue: 'lighter',
    shortVenue: 'extended',
    state: 'open',
    targetSize: '0.116',
    legs: [],
    entryLongHourlyRate: null,
    entryShortHourlyRate: null,
    entryApy: null,
    createdAtMs: 0,
    openedAtMs: 0,
    closedAtMs: null,
    closeReason: null,
    pnl: { realizedPnlUsd: '-0.4012', fundingReceivedUsd: '2.5', fundingPaidUsd: '0.4', feesUsd: '0.47', netUsd: '1.2288' },
    ...over,
  });

  it('says a pair opened once, naming pair 0', () => {
    expect(pairNoticeDraft('opening', row())).toEqual({ kind: 'pairOpened', severity: 'info', title: 'ETH pair 0 open', body: '0.116 ETH each leg, long Lighter, short Extended', pairSeq: 0 });
    expect(pairNoticeDraft(undefined, row())?.kind).toBe('pairOpened');
    expect(pairNoticeDraft('open', row())).toBeNull();
  });

  it('says nothing of the passing states', () => {
    expect(pairNoticeDraft(undefined, row({ state: 'opening' }))).toBeNull();
    expect(pairNoticeDraft('open', row({ state: 'closing' }))).toBeNull();
  });

  it('gives a closed pair its PnL split and hold in cents, never "−$0.00"', () => {
    const d = pairNoticeDraft('closing', row({ state: 'closed', openedAtMs: 0, closedAtMs: 26 * 3_600_000, closeReason: 'max-hold' }));
    expect(d).toEqual({
      kind: 'pairClosed',
      severity: 'info',
      title: 'ETH pair 0 closed',
      body: 'Net +$1.23 (price −$0.40, funding +$2.10, fees $0.47), held 26.0 h; max-hold',
      pairSeq: 0,
    });
    const flat = pairNoticeDraft('closing', row({ state: 'closed', pnl: { realizedPnlUsd: '-0.004', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '-0.001' } }));
    expect(flat?.body).toBe('Net $0.00 (price $0.00, funding $0.00, fees $0.00)');
  });

  it('warns of a rollback and raises a broken hedge or a failed close as critical', () => {
    expect(pairNoticeDraft('opening', row({ state: 'rolled-back', closeReason: 'hedge ladder exhausted' }))).toMatchObject({ kind: 'rollback', severity: 'warning', body: 'The entry was unwound: hedge ladder exhausted. Net +$1.23.' });
    expect(pairNoticeDraft('open', row({ state: 'broken' }))).toMatchObject({ kind: 'brokenHedge', severity: 'critical', title: 'ETH pair 0: hedge broken' });
    expect(pairNoticeDraft('closing', row({ state: 'close-failed' }))).toMatchObject({ kind: 'brokenHedge', severity: 'critical', title: 'ETH pair 0: close failed' });
  });

  it('tells a breaker trip from the trader\'s own command', () => {
    expect(breakerNoticeDraft({ state: 'REDUCING', reason: 'drawdown 12 % ≥ 10 %' }, 'breaker:drawdown')).toEqual({ kind: 'breakerTrip', severity: 'warning', title: 'Entries paused (REDUCING)', body: 'drawdown 12 % ≥ 10 %', pairSeq: null });
    expect(breakerNoticeDraft({ state: 'HALTED', reason: 'x' }, 'automatic')).toMatchObject({ severity: 'critical', title: 'Trading HALTED' });
    expect(breakerNoticeDraft({ state: 'HALTED', reason: 'ui: halt' }, 'trader')).toBeNull();
    expect(breakerNoticeDraft({ state: 'ACTIVE', reason: 'reconciled' }, 'automatic')).toBeNull();
  });

  it('asks about decisions when their number grows, not when it shrinks', () => {
    expect(decisionNoticeDraft(0, 1)).toMatchObject({ kind: 'reconcileDecision', title: 'Reconciliation: 1 decision waiting' });
    expect(decisionNoticeDraft(1, 3)?.title).toBe('Reconciliation: 3 decisions waiting');
    expect(decisionNoticeDraft(3, 2)).toBeNull();
    expect(decisionNoticeDraft(2, 2)).toBeNull();
  });

  it('says a close or rebalance failed after it was accepted, pair 0 included', () => {
    expect(commandFailedNoticeDraft({ what: 'close', pairSeq: 0, message: 'socket closed' })).toEqual({
      kind: 'brokenHedge',
      severity: 'critical',
      title: 'Pair 0: close failed',
      body: 'The close stopped with an error: socket closed. Positions may remain on the venues; check Positions.',
      pairSeq: 0,
    });
    expect(commandFailedNoticeDraft({ what: 'rebalance', pairSeq: 4, message: 'x' })).toMatchObject({ severity: 'warning', title: 'Pair 4: rebalance failed', pairSeq: 4 });
    // The contract caps a body at 1,000 characters: a long error is cut, not refused.
    expect(contract.events['notices.new'].safeParse({ id: 0, ...commandFailedNoticeDraft({ what: 'close', pairSeq: 1, message: 'e'.repeat(5_000) }), atMs: 0 }).success).toBe(true);
  });

  it('formats cents without a negative zero', () => {
    expect([usdCents('1.005'), usdCents('-0.0049'), usdCents('0'), usdCents('2', true), usdCents('-2.5', true), usdCents('x')]).toEqual(['$1.00', '$0.00', '$0.00', '+$2.00', '−$2.50', 'x']);
  });
});
