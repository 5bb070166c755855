// A new order as the engine books it when a request passes validation: open, nothing filled,
// market orders always immediate-or-cancel.
import type { VenueId } from '../../../domain/venue';
import type { OrderRequest, SimOrder } from './types';

export function newOrder(orderId: number, venue: VenueId, req: OrderRequest, nowMs: number): SimOrder {
  return {
    orderId,
    venue,
    accountId: req.accountId,
    clientId: req.clientId,
    symbol: req.symbol,
    isAsk: req.isAsk,
    priceTicks: req.priceTicks,
    sizeSteps: req.sizeSteps,
    type: req.type,
    tif: req.type === 'market' ? 'ioc' : req.tif,
    reduceOnly: req.reduceOnly,
    createdMs: nowMs,
    expiryMs: req.expiryMs,
    filledSteps: 0,
    filledQuoteUsd: 0,
    status: 'open',
    reason: null,
    updatedMs: nowMs,
  };
}
