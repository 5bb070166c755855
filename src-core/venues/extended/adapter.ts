// The Extended adapter: the venue port composed from one-purpose parts — market data (metadata,
// books, funding), the account stream, actions and readback — over one REST client.
import { LatencyRegistry } from '../../telemetry/histogram';
import type { AccountEvent, StreamHealth } from '../port';
import { ComposedAdapter, type AdapterParts } from '../common/composed-adapter';
import { VenueHttp } from '../common/http';
import { Listeners } from '../common/listeners';
import { EXTENDED_BUCKET, RateLimiter } from '../common/rate-limit';
import type { ResilientSocket } from '../common/ws';
import { AccountStream } from './account-stream';
import { EXTENDED_CAPABILITIES, FUNDING_POLL_PER_MARKET_MS, HOUR_MS, USER_AGENT, type ExtendedNetwork } from './constants';
import { ExtendedMarketData, realScheduler, type Scheduler } from './market-data';
import { OrderIds } from './order-ids';
import { ExtendedReadback } from './readback';
import { ExtendedRest } from './rest';
import { ExtendedTrading } from './trading';

export type { ExtendedNetwork } from './constants';

export interface ExtendedCredentials {
  readonly apiKey: string;
  readonly vault: number;
  readonly starkPrivateKey: string;
  readonly starkPublicKey: string;
}

export interface ExtendedAdapterOptions {
  readonly restUrl: string;
  readonly wsUrls: readonly string[];
  /** Required: selects the signing domain (SN_MAIN / SN_SEPOLIA) and the expiry cap. A live
   *  runtime that forgot it would sign for the wrong chain. */
  readonly network: ExtendedNetwork;
  readonly credentials?: ExtendedCredentials;
  readonly latency?: LatencyRegistry;
  readonly metadataTtlMs?: number;
  readonly stallMs?: number;
  /** Each market's funding is read once per this interval (default FUNDING_POLL_PER_MARKET_MS). */
  readonly fundingPollPerMarketMs?: number;
  readonly orderTimeoutMs?: number;
  readonly now?: () => number;
  /** Drives the funding poll (tests pass the simulator's clock). */
  readonly scheduler?: Scheduler;
}

export class ExtendedAdapter extends ComposedAdapter {
  readonly marketData: ExtendedMarketData;
  private readonly accountListeners: Listeners<AccountEvent>;
  private readonly account: AccountStream | null;
  private readonly trading: ExtendedTrading;
  private readonly readback: ExtendedReadback;
  protected readonly parts: AdapterParts;
  private readonly now: () => number;
  /** Listener throws and background failures (refresh, poll, id readback). */
  errors = 0;

  constructor(private readonly options: ExtendedAdapterOptions) {
    const latency = options.latency ?? new LatencyRegistry();
    const limiter = new RateLimiter(EXTENDED_BUCKET);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    const creds = options.credentials;
    if (creds !== undefined) headers['X-Api-Key'] = creds.apiKey;
    super('extended', EXTENDED_CAPABILITIES, { latency, limiter, http: new VenueHttp({ venue: 'extended', baseUrl: options.restUrl, headers, latency, limiter, timeoutMs: 10_000 }) });
    this.now = options.now ?? Date.now;
    const rest = new ExtendedRest(this.http, this.now);
    const onError = () => {
      this.errors += 1;
    };
    this.marketData = new ExtendedMarketData({ rest, wsUrls: options.wsUrls, authenticated: creds !== undefined, metadataTtlMs: options.metadataTtlMs ?? HOUR_MS, stallMs: options.stallMs ?? 15_000, fundingPollPerMarketMs: options.fundingPollPerMarketMs ?? FUNDING_POLL_PER_MARKET_MS, scheduler: options.scheduler ?? realScheduler, now: this.now, onError });
    const orderIds = new OrderIds(rest);
    this.readback = new ExtendedReadback(rest, this.marketData, orderIds, creds !== undefined, this.now);
    this.trading = new ExtendedTrading({ rest, markets: this.marketData, orderIds, network: options.network, account: creds === undefined ? null : { vault: creds.vault, privateKey: creds.starkPrivateKey, publicKey: creds.starkPublicKey }, orderTimeoutMs: options.orderTimeoutMs ?? 5_000, now: this.now });
    this.accountListeners = new Listeners(onError);
    this.account = creds === undefined ? null : new AccountStream({ wsUrls: options.wsUrls, apiKey: creds.apiKey, listeners: this.accountListeners, orderIds, resync: () => this.resync(), now: this.now, onError });
    this.parts = { marketData: this.marketData, actions: this.trading, readback: this.readback, accountListeners: this.accountListeners };
  }

  async start(): Promise<void> {
    await this.marketData.start();
    this.account?.start();
  }

  async stop(): Promise<void> {
    this.marketData.stop();
    this.account?.stop();
    this.limiter.dispose();
    await this.http.close();
  }

  /** After lost account frames or a reconnect: the venue's view of orders, positions, balance. */
  private async resync(): Promise<void> {
    const [orders, positions, balance] = await Promise.all([this.readback.openOrders(), this.readback.positions(), this.readback.balance()]);
    for (const order of orders) this.accountListeners.emit({ type: 'order', order });
    for (const position of positions) this.accountListeners.emit({ type: 'position', position });
    this.accountListeners.emit({ type: 'balance', balance });
  }

  /** Account-stream resyncs requested so far (lost frames, reconnects). */
  get accountResyncs(): number {
    return this.account?.resyncs ?? 0;
  }

  reconnectStreams(): void {
    this.marketData.health()?.reconnect();
    this.account?.socket?.reconnect();
  }

  health(): readonly StreamHealth[] {
    return [this.marketData.health(), this.account?.socket ?? null].filter((s): s is ResilientSocket => s !== null).map((s) => s.health());
  }
}
