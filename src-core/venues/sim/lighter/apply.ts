// Accepts a signed Lighter tx (static checks, nonce) and schedules its execution after the
// speed bump. Matching-time outcomes surface only through order state, never in sendTx's reply.
// The reply's tx_hash is the signed hash recomputed from the tx, as the venue's is.
import type { Gate } from '../http-util';
import type { OrderRequest, SimOrder } from '../engine/types';
import { CANCEL_ALL_TIF, NIL_MARKET_INDEX, ORDER_TYPE, TIME_IN_FORCE, TX_ATTRIBUTE, TX_TYPE } from '../../lighter/constants';
import { parseTx, TxError, type ParsedTx } from './tx';
import type { LighterState } from './state';
import { REJECT_CODES } from './rest';
import { CANCEL_ALL_QUEUED_CODE } from './scheduled-cancel';

/** Rate-limit code for a per-type limit (venues.md §1.8: 23000 too many requests). */
export const TX_TYPE_LIMIT_CODE = 23000;

export type ApplyResult = { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly code: number; readonly message: string };

function orderRequest(state: LighterState, p: Extract<ParsedTx, { type: 14 }>['tx']): OrderRequest | TxError {
  const m = state.byIndex.get(p.MarketIndex);
  if (m === undefined) return new TxError(21602, 'invalid market index');
  return {
    accountId: String(p.AccountIndex),
    symbol: m.symbol,
    isAsk: p.IsAsk === 1,
    priceTicks: p.Price,
    sizeSteps: p.BaseAmount,
    type: p.Type === ORDER_TYPE.market ? 'market' : 'limit',
    tif: p.TimeInForce === TIME_IN_FORCE.ioc ? 'ioc' : p.TimeInForce === TIME_IN_FORCE.gtt ? 'gtt' : 'post_only',
    reduceOnly: p.ReduceOnly === 1,
    // ClientOrderIndex 0 means "none"; give it a private id so it never collides.
    clientId: p.ClientOrderIndex === 0 ? `n${p.Nonce}:${p.ApiKeyIndex}` : String(p.ClientOrderIndex),
    expiryMs: p.OrderExpiry === 0 ? null : p.OrderExpiry,
  };
}

/** The market a CancelAll is scoped to by its CancelAllMarketIndex attribute; null = every market. */
function cancelAllScope(p: Extract<ParsedTx, { type: 16 }>): number | null {
  const m = p.attributes?.[TX_ATTRIBUTE.cancelAllMarketIndex];
  return m === undefined || m === NIL_MARKET_INDEX ? null : m;
}

/** `Index` names the order by order index or client order index (venues.md §1.3). */
function orderRef(state: LighterState, account: string, index: number): { orderId: number } | { clientId: string } {
  return state.engine.account('lighter', account)?.orders.get(index) !== undefined ? { orderId: index } : { clientId: String(index) };
}

/** The account's order `Index` names, if it is in the tx's market. */
function findOrder(state: LighterState, account: string, marketIndex: number, index: number): SimOrder | undefined {
  const acc = state.engine.account('lighter', account);
  const m = state.byIndex.get(marketIndex);
  if (acc === undefined || m === undefined) return undefined;
  const ref = orderRef(state, account, index);
  const order = 'orderId' in ref ? acc.orders.get(ref.orderId) : acc.findByClientId(ref.clientId);
  return order?.symbol === m.symbol ? order : undefined;
}

/** A create for this client index that is queued but not executed yet (a modify may follow it). */
function pendingCreate(state: LighterState, accountIndex: number, marketIndex: number, clientIndex: number): boolean {
  for (const r of state.txs.values()) {
    if (r.status !== 1 || r.type !== TX_TYPE.createOrder || r.accountIndex !== accountIndex) continue;
    const info = JSON.parse(r.info) as { MarketIndex?: unknown; ClientOrderIndex?: unknown };
    if (info.MarketIndex === marketIndex && info.ClientOrderIndex === clientIndex) return true;
  }
  return false;
}

/** Static checks of a modify: the market, the new size and price, and an active (or queued) order.
 *  BaseAmount is the order's new total size. The reference signer also lets BaseAmount 0 through;
 *  what the venue makes of it is not documented, so the simulator refuses it (21701). */
function checkModify(state: LighterState, p: Extract<ParsedTx, { type: 17 }>['tx']): void {
  const m = state.byIndex.get(p.MarketIndex);
  if (m === undefined) throw new TxError(21602, 'invalid market index');
  const invalid = state.engine.validateSizePrice('lighter', m.symbol, p.BaseAmount, p.Price);
  if (invalid !== null) throw new TxError(REJECT_CODES[invalid.code], invalid.message);
  const active = findOrder(state, String(p.AccountIndex), p.MarketIndex, p.Index)?.status === 'open';
  if (!active && !pendingCreate(state, p.AccountIndex, p.MarketIndex, p.Index)) throw new TxError(REJECT_CODES['unknown-order'], 'order not found or not active');
}

export function applyTx(state: LighterState, gate: Gate, txType: number, info: unknown, delayMs: number): ApplyResult {
  const engine = state.engine;
  const now = engine.clock.nowMs();
  let parsed: ParsedTx;
  let hash: string;
  try {
    parsed = parseTx(txType, info);
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = parsed.tx;
    if (engine.account('lighter', String(AccountIndex)) === undefined) throw new TxError(21511, 'account not found');
    if (ExpiredAt <= now) throw new TxError(21711, 'transaction expired');
    const sig = state.keys.verifyTx(parsed);
    if (sig.verdict === 'unknown-key') throw new TxError(21501, 'invalid tx info: api key not registered');
    if (sig.verdict !== 'ok') throw new TxError(21501, 'invalid tx info: signature does not verify');
    hash = sig.hash;
    if (parsed.type === 14) {
      const req = orderRequest(state, parsed.tx);
      if (req instanceof TxError) throw req;
      const invalid = engine.validate('lighter', req);
      if (invalid !== null) throw new TxError(REJECT_CODES[invalid.code], invalid.message);
    }
    if (parsed.type === 16) {
      const scope = cancelAllScope(parsed);
      if (scope !== null && !state.byIndex.has(scope)) throw new TxError(21602, 'invalid market index');
    }
    if (parsed.type === 17) checkModify(state, parsed.tx);
    if (parsed.type === 16 && parsed.tx.TimeInForce === CANCEL_ALL_TIF.scheduled && !state.scheduledCancels.canSchedule(AccountIndex)) throw new TxError(CANCEL_ALL_QUEUED_CODE, 'a scheduled cancel-all is already queued');
    if (engine.account('lighter', String(AccountIndex))?.tier === 'standard' && !state.txTypeWindows.tryCharge(AccountIndex, txType, now)) throw new TxError(TX_TYPE_LIMIT_CODE, `too many transactions of type ${txType} (Standard tier)`);
    state.nonces.consume(AccountIndex, ApiKeyIndex, Nonce);
    if (parsed.type === 16 && parsed.tx.TimeInForce === CANCEL_ALL_TIF.abort) state.scheduledCancels.noteAbortQueued(AccountIndex);
  } catch (e) {
    if (e instanceof TxError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
  const record = {
    hash,
    type: txType,
    info: JSON.stringify(info),
    status: 1 as 0 | 1 | 2 | 3,
    nonce: parsed.tx.Nonce,
    expireAt: parsed.tx.ExpiredAt,
    queuedAt: now,
    executedAt: 0,
    apiKeyIndex: parsed.tx.ApiKeyIndex,
    accountIndex: parsed.tx.AccountIndex,
  };
  state.txs.set(hash, record);
  // Fault: acknowledged, never executed. The tx stays pending until its ExpiredAt, then fails.
  if (gate.faults.takeDroppedSendTx('lighter')) return { ok: true, hash };
  engine.clock.after(delayMs, () => {
    execute(state, parsed);
    record.status = 2;
    record.executedAt = engine.clock.nowMs();
  });
  return { ok: true, hash };
}

function execute(state: LighterState, p: ParsedTx): void {
  const engine = state.engine;
  const account = String(p.tx.AccountIndex);
  switch (p.type) {
    case 14: {
      const req = orderRequest(state, p.tx);
      if (!(req instanceof TxError)) engine.place('lighter', req);
      return;
    }
    case 15: {
      const m = state.byIndex.get(p.tx.MarketIndex);
      if (m === undefined) return;
      engine.cancel('lighter', account, orderRef(state, account, p.tx.Index));
      return;
    }
    case 16: {
      // Scoped (immediate only, checked at parse): that market's orders; otherwise every market.
      const scope = cancelAllScope(p);
      const symbol = scope === null ? undefined : state.byIndex.get(scope)?.symbol;
      if (p.tx.TimeInForce === CANCEL_ALL_TIF.immediate) engine.cancelAll('lighter', account, symbol);
      else if (p.tx.TimeInForce === CANCEL_ALL_TIF.scheduled) state.scheduledCancels.schedule(p.tx.AccountIndex, p.tx.Time);
      else state.scheduledCancels.abort(p.tx.AccountIndex);
      return;
    }
    case 17: {
      // The order may have filled or been cancelled since sendTx: then the modify changes nothing,
      // and only order state tells (as for every matching-time outcome).
      const order = findOrder(state, account, p.tx.MarketIndex, p.tx.Index);
      if (order !== undefined) engine.modify('lighter', account, { orderId: order.orderId }, { sizeSteps: p.tx.BaseAmount, priceTicks: p.tx.Price });
      return;
    }
    case 20: {
      const m = state.byIndex.get(p.tx.MarketIndex);
      if (m === undefined || p.tx.InitialMarginFraction === 0) return;
      engine.setLeverage('lighter', account, m.symbol, Math.min(m.maxLeverage, 10_000 / p.tx.InitialMarginFraction));
      return;
    }
  }
}
