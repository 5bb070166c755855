// Lighter's trading actions: sign with the next nonce, send, classify. sendTx only acknowledges
// that the tx is queued (venues.md §1.4, the speed bump), so every acceptance is stage 'queued'
// and carries the signer's tx hash, known before the send, for lookup by hash after an
// ambiguous send. The classifier is the shared one (common/outcome.ts): a 5xx, a thrown
// ambiguous error and a readable-but-unexpected 2xx are 'unknown', and after 'unknown' the nonce
// is treated as consumed (the tx may be queued under it), never reused.
import { clientOrderIndex } from '../../domain/client-order-id';
import { decimalsOf, toScaledInt } from '../../domain/decimal';
import { VenueError } from '../common/errors';
import { rejected, sendAction, whenDurable, type Reply, type ReplyVerdict } from '../common/outcome';
import type { ActionOutcome, CancelScope, PlaceOrder, VenueCapabilities } from '../port';
import { CANCEL_ALL_TIF, MARGIN_MODE, ORDER_TYPE, TIME_IN_FORCE } from './constants';
import { NonceManager } from './nonces';
import { HOUR_MS, type LighterContext, type LighterCredentials } from './options';
import type { LighterSigner, SignedTx } from './signer/signer';
import { TxTypeLimiter } from './tx-limits';
import { rejectReasonOf } from './wire/reasons';
import { resultCode, sendTxAck } from './wire/schemas';

/** Scheduled cancel-all bounds (venues.md §1.3, §7.2): 5 min .. 15 days ahead. */
export const DEAD_MAN_MIN_MS = 5 * 60_000;
export const DEAD_MAN_MAX_MS = 15 * 24 * HOUR_MS;
/** Resting orders always carry an explicit expiry (the signer rejects −1); the venue accepts
 *  5 min .. 30 days, the Python SDK's default is 28 days. */
const DEFAULT_ORDER_EXPIRY_MS = 28 * 24 * HOUR_MS;

export const LIGHTER_CAPABILITIES: VenueCapabilities = {
  cancel: 'queued',
  symbolCancelAll: true, // CancelAllMarketIndex attribute (lighter-go tx_attributes.go; §7.2)
  // sendTx's ack precedes execution by the speed bump: at most 300 ms on Standard (taker;
  // 200 maker, 100 cancel; unverified third-party table, venues.md §1.7), ~0 to 150 ms on Premium;
  // the simulator applies txs 30 ms after the ack by default. 5 s is over ten times the slowest
  // documented bump plus the 50 ms book/account cadence and sequencer queueing, so a readback
  // that misses an order inside it means "in flight", never "lost".
  notFoundGraceMs: 5_000,
  modify: 'modify', // ModifyOrder, tx type 17
  deadManSwitch: { minCountdownMs: DEAD_MAN_MIN_MS, maxCountdownMs: DEAD_MAN_MAX_MS },
};

function readSendTx(reply: Reply): ReplyVerdict {
  const ack = sendTxAck.safeParse(reply.body);
  if (ack.success) return { kind: 'accepted', stage: 'queued', venueOrderId: null };
  const refusal = resultCode.safeParse(reply.body);
  if (refusal.success && refusal.data.code !== 200) return { kind: 'rejected', venueCode: String(refusal.data.code), venueMessage: refusal.data.message ?? `code ${refusal.data.code}` };
  return { kind: 'unreadable' };
}

export class LighterActions {
  private readonly nonces: NonceManager | null;
  readonly txLimits: TxTypeLimiter;
  /** sendTx requests made (counted before each send), for diagnostics and tests. */
  sendCount = 0;

  constructor(
    private readonly ctx: LighterContext,
    private readonly signer: LighterSigner | null,
    private readonly follow: (marketIndex: number) => Promise<void>,
  ) {
    this.nonces = ctx.options.credentials === undefined ? null : new NonceManager(() => this.fetchNonce());
    this.txLimits = new TxTypeLimiter(ctx.options.tier ?? 'premium', ctx.now);
  }

  private key(): LighterCredentials {
    const c = this.ctx.options.credentials;
    if (c === undefined) throw new VenueError('definitive', 'Lighter credentials are not configured');
    return c;
  }

  private async fetchNonce(): Promise<number> {
    const k = this.key();
    const res = await this.ctx.http.request({ path: '/api/v1/nextNonce', query: { account_index: k.accountIndex, api_key_index: k.apiKeyIndex }, route: 'nextNonce', priority: 'order' });
    const n = (res.body as { nonce?: unknown } | null)?.nonce;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new VenueError('parse', 'nextNonce: no nonce', res.status, res.body);
    return n;
  }

  /** Signs with the next nonce and submits. A definitive "invalid nonce" resyncs the count and
   *  retries once (nothing was executed); an ambiguous send is never retried. */
  private async submit(txType: number, sign: (signer: LighterSigner, key: LighterCredentials, nonce: number) => Promise<SignedTx>, retry = true, durable?: Promise<void>): Promise<ActionOutcome> {
    if (this.nonces === null || this.signer === null) return rejected('no-credentials', 'Lighter credentials are not configured');
    if (!this.txLimits.tryTake(txType)) return rejected('rate-limited', `per-type limit of ${this.txLimits.limitOf(txType)} tx/min for tx type ${txType} (Standard tier)`);
    const signer = this.signer;
    const key = this.key();
    let outcome: ActionOutcome;
    try {
      outcome = await this.nonces.withNonce<ActionOutcome>(async (nonce) => {
        let signed: SignedTx;
        try {
          signed = await sign(signer, key, nonce);
        } catch (e) {
          this.txLimits.release(txType);
          return { result: rejected('other', `signing failed: ${e instanceof Error ? e.message : String(e)}`, 'sign'), consumed: false };
        }
        // Signed while the intent's sync ran (ledger/wal-sync.ts); nothing leaves before it is
        // done, and a tx never sent leaves its nonce unused.
        const notDurable = await whenDurable(durable);
        if (notDurable !== null) {
          this.txLimits.release(txType);
          return { result: notDurable, consumed: false };
        }
        this.sendCount += 1;
        const result = await sendAction({
          send: () => this.ctx.http.request({ method: 'POST', path: '/api/v1/sendTx', form: { tx_type: String(signed.txType), tx_info: signed.txInfo }, route: 'sendTx', priority: 'order', timeoutMs: this.ctx.options.orderTimeoutMs ?? 5_000 }),
          read: readSendTx,
          reasonOf: rejectReasonOf,
          txHash: signed.txHash,
          now: this.ctx.now,
        });
        if (result.kind === 'rejected' && result.reason === 'invalid-nonce') this.nonces!.invalidate();
        // Accepted or unknown: the tx may be queued under this nonce, so it is spent.
        return { result, consumed: result.kind !== 'rejected' };
      });
    } catch (e) {
      // The nonce fetch failed: nothing was signed or sent.
      this.txLimits.release(txType);
      return rejected('not-sent', `nextNonce failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (retry && outcome.kind === 'rejected' && outcome.reason === 'invalid-nonce') return this.submit(txType, sign, false, durable);
    return outcome;
  }

  private marketIndex(symbol: string): number | null {
    return this.ctx.markets.indexOf(symbol);
  }

  async place(order: PlaceOrder, durable?: Promise<void>): Promise<ActionOutcome> {
    const m = this.ctx.markets.bySymbol.get(order.symbol);
    if (m === undefined || m.marketIndex === null) return Promise.resolve(rejected('unsupported', `unknown market ${order.symbol}`));
    const clientIndex = clientOrderIndex(order.clientOrderId);
    if (clientIndex === null) return Promise.resolve(rejected('other', `client order id ${JSON.stringify(order.clientOrderId)} is not a canonical 48-bit decimal id`));
    let price: number;
    let base: number;
    try {
      // Wire integers: price × 10^price_decimals and size × 10^size_decimals, exactly.
      price = Number(toScaledInt(order.price, decimalsOf(m.tickSize)));
      base = Number(toScaledInt(order.size, decimalsOf(m.stepSize)));
    } catch {
      return Promise.resolve(rejected('off-grid', `price ${order.price} or size ${order.size} is not on the tick/step grid`));
    }
    const market = m.marketIndex;
    await this.follow(market);
    const tif = order.type === 'market' || order.tif === 'ioc' ? TIME_IN_FORCE.ioc : order.tif === 'gtt' ? TIME_IN_FORCE.gtt : TIME_IN_FORCE.postOnly;
    const expiry = tif === TIME_IN_FORCE.ioc ? 0 : (order.expiryMs ?? this.ctx.now() + DEFAULT_ORDER_EXPIRY_MS);
    return this.submit(
      14,
      (s, key, nonce) =>
        s.signCreateOrder(key, { marketIndex: market, clientOrderIndex: clientIndex, baseAmount: base, price, isAsk: order.side === 'sell', orderType: order.type === 'market' ? ORDER_TYPE.market : ORDER_TYPE.limit, timeInForce: tif, reduceOnly: order.reduceOnly, triggerPrice: 0, orderExpiry: expiry, nonce }),
      true,
      durable,
    );
  }

  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    const market = this.marketIndex(symbol);
    if (market === null) return Promise.resolve(rejected('unsupported', `unknown market ${symbol}`));
    const index = clientOrderIndex(clientOrderId);
    if (index === null) return Promise.resolve(rejected('unknown-order', `client order id ${JSON.stringify(clientOrderId)} is not one of ours`));
    // CancelOrder's Index may be the client order index (venues.md §1.3).
    return this.submit(15, (s, key, nonce) => s.signCancelOrder(key, market, index, nonce));
  }

  /** A symbol scope sets CancelAllMarketIndex; without it CancelAll covers every market. */
  cancelAll(scope: CancelScope): Promise<ActionOutcome> {
    if (scope.kind === 'symbol') {
      const market = this.marketIndex(scope.symbol);
      if (market === null) return Promise.resolve(rejected('unsupported', `unknown market ${scope.symbol}`));
      return this.submit(16, (s, key, nonce) => s.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0, marketIndex: market }, nonce));
    }
    return this.submit(16, (s, key, nonce) => s.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0 }, nonce));
  }

  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    const m = this.ctx.markets.bySymbol.get(symbol);
    if (m === undefined || m.marketIndex === null) return Promise.resolve(rejected('unsupported', `unknown market ${symbol}`));
    if (!(leverage >= 1 && leverage <= m.maxLeverage)) return Promise.resolve(rejected('other', `leverage ${leverage} outside 1..${m.maxLeverage}`));
    const market = m.marketIndex;
    return this.submit(20, (s, key, nonce) => s.signUpdateLeverage(key, market, Math.round(10_000 / leverage), MARGIN_MODE.cross, nonce));
  }

  /** The dead-man switch is a scheduled CancelAll (TIF SCHEDULED, Time = now + countdown, 5 min
   *  .. 15 days). Only one can be queued: a second SCHEDULE gets 21712 (third-party source,
   *  venues.md §7.2), so arming or renewing is ABORT then SCHEDULE, in nonce order (txs of one
   *  key execute in nonce order, so the abort applies first). An ABORT refused because nothing
   *  was scheduled does not stop the SCHEDULE. `null` is ABORT alone. */
  async deadManSwitch(countdownMs: number | null): Promise<ActionOutcome> {
    if (countdownMs !== null && !(countdownMs >= DEAD_MAN_MIN_MS && countdownMs <= DEAD_MAN_MAX_MS)) {
      return rejected('other', `dead-man countdown ${countdownMs} ms outside ${DEAD_MAN_MIN_MS}..${DEAD_MAN_MAX_MS} ms`);
    }
    const abort = await this.submit(16, (s, key, nonce) => s.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.abort, timeMs: 0 }, nonce));
    if (countdownMs === null || abort.kind === 'unknown') return abort;
    if (abort.kind === 'rejected' && (abort.reason === 'no-credentials' || abort.reason === 'rate-limited' || abort.reason === 'not-sent')) return abort;
    const at = this.ctx.now() + countdownMs;
    return this.submit(16, (s, key, nonce) => s.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.scheduled, timeMs: at }, nonce));
  }
}
