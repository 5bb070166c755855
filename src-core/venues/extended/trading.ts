// Extended actions: signed orders (Stark signature over the settlement hash, domain of the
// configured network), cancels, scoped mass cancel, leverage and the dead-man switch. Every
// refusal we can know before sending is made here, before signing; the venue's own refusals are
// normalised by wire/reasons.ts.
import { randomInt } from 'node:crypto';
import type { ActionOutcome, CancelScope, PlaceOrder } from '../port';
import { rejected, whenDurable } from '../common/outcome';
import { toIncrements } from '../../domain/decimal';
import { clientOrderIndex } from '../../domain/client-order-id';
import { DMS_MAX_MS, DMS_MIN_MS, NETWORKS, defaultExpiryMs, type ExtendedNetwork } from './constants';
import type { ExtendedMarketData, MarketInfo } from './market-data';
import type { OrderIds } from './order-ids';
import type { ExtendedRest } from './rest';
import { buildSignedOrder, type StarkAccount } from './signing/order';
import { warmUpStarkSigner } from './signing/stark-ecdsa';
import { placeAck } from './wire/schemas';

export interface TradingOptions {
  readonly rest: ExtendedRest;
  readonly markets: ExtendedMarketData;
  readonly orderIds: OrderIds;
  readonly network: ExtendedNetwork;
  readonly account: StarkAccount | null;
  readonly orderTimeoutMs: number;
  readonly now: () => number;
}

function onGrid(value: string, increment: string): boolean {
  try {
    return toIncrements(value, increment, 'exact') > 0n;
  } catch {
    return false;
  }
}

/** What the port refuses before anything is signed or sent. */
export function preflight(order: PlaceOrder, m: MarketInfo | undefined, nowMs: number, network: ExtendedNetwork): ActionOutcome | null {
  if (m === undefined) return rejected('market-closed', `unknown market ${order.symbol}`);
  if (clientOrderIndex(order.clientOrderId) === null) return rejected('other', `client order id ${JSON.stringify(order.clientOrderId)} is not a canonical 48-bit decimal id`);
  // MarketMeta.status (venues.md §7.3): 'reduce-only' takes only reducing orders; delisted and
  // prelisted markets take nothing.
  const status = m.meta.status;
  if (status === 'delisted' || status === 'prelisted') return rejected('market-closed', `${m.meta.venueMarket} is ${status}`);
  if (status === 'reduce-only' && !order.reduceOnly) return rejected('market-closed', `${m.meta.venueMarket} is reduce-only: only reduce-only orders are accepted`);
  if (!onGrid(order.size, m.meta.stepSize)) return rejected('off-grid', `size ${order.size} is not a positive multiple of ${m.meta.stepSize}`);
  if (!onGrid(order.price, m.meta.tickSize)) return rejected('off-grid', `price ${order.price} is not a positive multiple of ${m.meta.tickSize}`);
  if (order.expiryMs !== undefined && (order.expiryMs <= nowMs || order.expiryMs > nowMs + NETWORKS[network].maxExpiryMs)) return rejected('other', `expiry must be within ${NETWORKS[network].maxExpiryMs / 86_400_000} days on ${network}`);
  return null;
}

export class ExtendedTrading {
  constructor(private readonly o: TradingOptions) {
    // The signer's k·G table is built once (~0.1 s) here, not on the first order's path.
    if (o.account !== null) warmUpStarkSigner();
  }

  private noCredentials(): ActionOutcome {
    return rejected('no-credentials', 'Extended credentials are not configured');
  }

  async place(order: PlaceOrder, durable?: Promise<void>): Promise<ActionOutcome> {
    const account = this.o.account;
    if (account === null) return this.noCredentials();
    const now = this.o.now();
    const m = this.o.markets.info(order.symbol);
    const refused = preflight(order, m, now, this.o.network);
    if (refused !== null || m === undefined) return refused ?? rejected('market-closed', `unknown market ${order.symbol}`);
    const body = buildSignedOrder(
      {
        externalId: order.clientOrderId,
        market: m.meta.venueMarket,
        side: order.side === 'buy' ? 'BUY' : 'SELL',
        qty: order.size,
        price: order.price,
        timeInForce: order.tif === 'ioc' || order.type === 'market' ? 'IOC' : 'GTT',
        postOnly: order.tif === 'post_only',
        reduceOnly: order.reduceOnly,
        expiryEpochMillis: order.expiryMs ?? now + defaultExpiryMs(this.o.network),
        // The signed fee is a maximum. SDK 0.0.17 (x10/perpetual/order_object.py) signs the
        // account's taker rate for every order, post-only included: a maker fill is charged at
        // most that, and a lower max fee is refused (INVALID_FEE, venues.md §2.7). The rate is
        // the venue's own decimal string, so it can never turn into exponent notation.
        feeRate: m.takerFeeRate,
        nonce: randomInt(1, 2 ** 31 - 1),
      },
      m.l2,
      account,
      NETWORKS[this.o.network].domain,
    );
    // Signed while the intent's sync ran (ledger/wal-sync.ts); nothing leaves before it is done.
    const notDurable = await whenDurable(durable);
    if (notDurable !== null) return notDurable;
    return this.o.rest.action({ method: 'POST', path: '/user/order', json: body, route: 'user/order', timeoutMs: this.o.orderTimeoutMs }, (data) => {
      const ack = placeAck.safeParse(data);
      if (!ack.success) return null;
      this.o.orderIds.learn(String(ack.data.id), order.clientOrderId);
      return String(ack.data.id);
    });
  }

  cancel(_symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    if (this.o.account === null) return Promise.resolve(this.noCredentials());
    return this.o.rest.action({ method: 'DELETE', path: '/user/order', query: { externalId: clientOrderId }, route: 'user/order' });
  }

  /** massCancel (venues.md §7.3): `markets` for one symbol — never widened to the account. */
  cancelAll(scope: CancelScope): Promise<ActionOutcome> {
    if (this.o.account === null) return Promise.resolve(this.noCredentials());
    let json: unknown = { cancelAll: true };
    if (scope.kind === 'symbol') {
      const m = this.o.markets.info(scope.symbol);
      if (m === undefined) return Promise.resolve(rejected('market-closed', `unknown market ${scope.symbol}`));
      json = { markets: [m.meta.venueMarket] };
    }
    return this.o.rest.action({ method: 'POST', path: '/user/order/massCancel', json, route: 'user/order/massCancel' });
  }

  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    if (this.o.account === null) return Promise.resolve(this.noCredentials());
    const m = this.o.markets.info(symbol);
    if (m === undefined) return Promise.resolve(rejected('market-closed', `unknown market ${symbol}`));
    return this.o.rest.action({ method: 'PATCH', path: '/user/leverage', json: { market: m.meta.venueMarket, leverage: String(leverage) }, route: 'user/leverage' }, () => null, 'live');
  }

  /** POST /user/deadmanswitch?countdownTime={seconds}; 0 removes it (venues.md §7.3). */
  deadManSwitch(countdownMs: number | null): Promise<ActionOutcome> {
    if (this.o.account === null) return Promise.resolve(this.noCredentials());
    if (countdownMs !== null && !(Number.isFinite(countdownMs) && countdownMs >= DMS_MIN_MS && countdownMs <= DMS_MAX_MS)) {
      return Promise.resolve(rejected('unsupported', `countdown must be ${DMS_MIN_MS}..${DMS_MAX_MS} ms`));
    }
    const seconds = countdownMs === null ? 0 : Math.floor(countdownMs / 1000);
    return this.o.rest.action({ method: 'POST', path: '/user/deadmanswitch', query: { countdownTime: seconds }, route: 'user/deadmanswitch' }, () => null, 'live');
  }
}
