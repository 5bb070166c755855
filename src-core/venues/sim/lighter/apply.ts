// Accepts a signed Lighter tx (static checks, nonce) and schedules its execution after the
// speed bump. Matching-time outcomes surface only through order state, never in sendTx's reply.
import type { Gate } from '../http-util';
import type { OrderRequest } from '../engine/types';
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
    type: p.Type === 1 ? 'market' : 'limit',
    tif: p.TimeInForce === 0 ? 'ioc' : p.TimeInForce === 1 ? 'gtt' : 'post_only',
    reduceOnly: p.ReduceOnly === 1,
    // ClientOrderIndex 0 means "none"; give it a private id so it never collides.
    clientId: p.ClientOrderIndex === 0 ? `n${p.Nonce}:${p.ApiKeyIndex}` : String(p.ClientOrderIndex),
    expiryMs: p.OrderExpiry === 0 ? null : p.OrderExpiry,
  };
}

export function applyTx(state: LighterState, gate: Gate, txType: number, info: unknown, delayMs: number): ApplyResult {
  const engine = state.engine;
  const now = engine.clock.nowMs();
  let parsed: ParsedTx;
  try {
    parsed = parseTx(txType, info);
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = parsed.tx;
    if (engine.account('lighter', String(AccountIndex)) === undefined) throw new TxError(21511, 'account not found');
    if (ExpiredAt <= now) throw new TxError(21711, 'transaction expired');
    const sig = state.keys.verifyTx(parsed);
    if (sig === 'unknown-key') throw new TxError(21501, 'invalid tx info: api key not registered');
    if (sig !== 'ok') throw new TxError(21501, 'invalid tx info: signature does not verify');
    if (parsed.type === 14) {
      const req = orderRequest(state, parsed.tx);
      if (req instanceof TxError) throw req;
      const invalid = engine.validate('lighter', req);
      if (invalid !== null) throw new TxError(REJECT_CODES[invalid.code], invalid.message);
    }
    if (parsed.type === 16 && parsed.tx.TimeInForce === 1 && !state.scheduledCancels.canSchedule(AccountIndex)) throw new TxError(CANCEL_ALL_QUEUED_CODE, 'a scheduled cancel-all is already queued');
    if (engine.account('lighter', String(AccountIndex))?.tier === 'standard' && !state.txTypeWindows.tryCharge(AccountIndex, txType, now)) throw new TxError(TX_TYPE_LIMIT_CODE, `too many transactions of type ${txType} (Standard tier)`);
    state.nonces.consume(AccountIndex, ApiKeyIndex, Nonce);
    if (parsed.type === 16 && parsed.tx.TimeInForce === 2) state.scheduledCancels.noteAbortQueued(AccountIndex);
  } catch (e) {
    if (e instanceof TxError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
  const hash = state.newTxHash();
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
      // Index may be the client order index or the order index (venues.md §1.3).
      const byOrder = engine.account('lighter', account)?.orders.get(p.tx.Index);
      engine.cancel('lighter', account, byOrder !== undefined ? { orderId: p.tx.Index } : { clientId: String(p.tx.Index) });
      return;
    }
    case 16:
      if (p.tx.TimeInForce === 0) engine.cancelAll('lighter', account);
      else if (p.tx.TimeInForce === 1) state.scheduledCancels.schedule(p.tx.AccountIndex, p.tx.Time);
      else state.scheduledCancels.abort(p.tx.AccountIndex);
      return;
    case 20: {
      const m = state.byIndex.get(p.tx.MarketIndex);
      if (m === undefined || p.tx.InitialMarginFraction === 0) return;
      engine.setLeverage('lighter', account, m.symbol, Math.min(m.maxLeverage, 10_000 / p.tx.InitialMarginFraction));
      return;
    }
  }
}
