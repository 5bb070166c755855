// Pair and leg PnL summaries from fills and funding cash: exact, both sides of every sign.
import { describe, expect, it } from 'vitest';
import { fundingSplit, legDetail, legSummary, openingFilledSize, pairPnlSummary, pnlSummary } from '../../../src-core/ledger/pair-summary';
import type { PnlFill } from '../../../src-core/ledger/pnl';

const buy = (size: string, price: string, feeUsd = '0'): PnlFill => ({ side: 'buy', size, price, feeUsd });
const sell = (size: string, price: string, feeUsd = '0'): PnlFill => ({ side: 'sell', size, price, feeUsd });

describe('fundingSplit', () => {
  it('splits received (positive) from paid (negative, as a positive amount); zero is neither', () => {
    expect(fundingSplit([])).toEqual({ receivedUsd: '0', paidUsd: '0' });
    expect(fundingSplit(['0', '0.000'])).toEqual({ receivedUsd: '0', paidUsd: '0' });
    expect(fundingSplit(['0.1', '0.2'])).toEqual({ receivedUsd: '0.3', paidUsd: '0' });
    expect(fundingSplit(['-0.1', '-0.2'])).toEqual({ receivedUsd: '0', paidUsd: '0.3' });
    expect(fundingSplit(['1.50', '-0.25', '0', '0.000001', '-3'])).toEqual({ receivedUsd: '1.500001', paidUsd: '3.25' });
  });
});

describe('pnlSummary', () => {
  it('net = realized − fees + received − paid, every value normalized', () => {
    expect(pnlSummary('10.500', '1.2500', ['2.00', '-0.50'])).toEqual({ realizedPnlUsd: '10.5', fundingReceivedUsd: '2', fundingPaidUsd: '0.5', feesUsd: '1.25', netUsd: '10.75' });
    expect(pnlSummary('0', '0', [])).toEqual({ realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' });
  });
  it('a rebate (negative fee) adds to net; a loss stays negative', () => {
    expect(pnlSummary('-3', '-0.01', [])).toEqual({ realizedPnlUsd: '-3', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '-0.01', netUsd: '-2.99' });
    expect(pnlSummary('0', '0', ['-0.000000001']).netUsd).toBe('-0.000000001');
  });
});

describe('openingFilledSize', () => {
  const fills = [buy('0.2', '10'), sell('0.05', '11'), buy('0.30', '10'), sell('0.1', '12')];
  it('counts buys for a long leg and sells for a short one', () => {
    expect(openingFilledSize('long', fills)).toBe('0.5');
    expect(openingFilledSize('short', fills)).toBe('0.15');
    expect(openingFilledSize('long', [])).toBe('0');
    expect(openingFilledSize('short', [buy('1', '1')])).toBe('0');
  });
});

describe('legDetail', () => {
  it('an open long: basis, average entry, fees and its own venue funding', () => {
    const d = legDetail({ leg: 0, venue: 'lighter', positionSide: 'long', fills: [buy('1', '100', '0.05'), buy('1', '102', '0.05')], fundingCashUsd: ['-0.2', '0.05'] });
    expect(d).toEqual({
      leg: 0,
      venue: 'lighter',
      positionSide: 'long',
      filledSize: '2',
      positionSize: '2',
      costBasisUsd: '202',
      avgEntryPrice: '101',
      fillCount: 2,
      pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0.05', fundingPaidUsd: '0.2', feesUsd: '0.1', netUsd: '-0.25' },
    });
    expect(legSummary(d)).toEqual({ leg: 0, venue: 'lighter', positionSide: 'long', filledSize: '2', positionSize: '2' });
  });
  it('a short partly reduced: realized on the reduced part, filled counts only the sells', () => {
    const d = legDetail({ leg: 1, venue: 'extended', positionSide: 'short', fills: [sell('2', '50'), buy('0.5', '48', '0.01')], fundingCashUsd: [] });
    expect(d).toMatchObject({ leg: 1, filledSize: '2', positionSize: '-1.5', costBasisUsd: '-75', avgEntryPrice: '50', fillCount: 2 });
    expect(d.pnl).toEqual({ realizedPnlUsd: '1', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0.01', netUsd: '0.99' });
  });
  it('a leg with no fills is flat with nothing made', () => {
    expect(legDetail({ leg: 1, venue: 'extended', positionSide: 'short', fills: [], fundingCashUsd: [] })).toEqual({
      leg: 1,
      venue: 'extended',
      positionSide: 'short',
      filledSize: '0',
      positionSize: '0',
      costBasisUsd: '0',
      avgEntryPrice: null,
      fillCount: 0,
      pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' },
    });
  });
});

describe('pairPnlSummary', () => {
  it('adds both legs and every funding payment of the pair', () => {
    const a = legDetail({ leg: 0, venue: 'lighter', positionSide: 'long', fills: [buy('1', '100', '0.1'), sell('1', '103', '0.1')], fundingCashUsd: ['-0.3'] });
    const b = legDetail({ leg: 1, venue: 'extended', positionSide: 'short', fills: [sell('1', '100', '0.2'), buy('1', '102', '0.2')], fundingCashUsd: ['0.7'] });
    // Pair funding may include a payment of neither leg's venue (tied to the pair before its leg).
    expect(pairPnlSummary([a, b], ['-0.3', '0.7', '0.05'])).toEqual({ realizedPnlUsd: '1', fundingReceivedUsd: '0.75', fundingPaidUsd: '0.3', feesUsd: '0.6', netUsd: '0.85' });
    expect(pairPnlSummary([], [])).toEqual({ realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' });
  });
});
