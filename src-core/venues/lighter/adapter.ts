// The Lighter adapter: both halves of the venue port composed from one-purpose parts — market
// data (market-data.ts, books.ts), the private stream (account-stream.ts), actions (actions.ts)
// and readback (readback.ts) — over one HTTP pool, one rate limiter and one auth token manager.
import { LatencyRegistry } from '../../telemetry/histogram';
import type { StreamHealth } from '../port';
import { ComposedAdapter, type AdapterParts } from '../common/composed-adapter';
import { VenueHttp } from '../common/http';
import { LIGHTER_PREMIUM_BUCKET, LIGHTER_STANDARD_BUCKET, RateLimiter } from '../common/rate-limit';
import { LighterAccountStream } from './account-stream';
import { LIGHTER_CAPABILITIES, LighterActions } from './actions';
import { AuthTokenManager } from './auth-token';
import { LighterMarketData } from './market-data';
import { MarketTable, type LighterAdapterOptions, type LighterContext } from './options';
import { LighterReadback } from './readback';
import { LighterSigner } from './signer/signer';

export type { LighterAdapterOptions } from './options';

export class LighterAdapter extends ComposedAdapter {
  readonly data: LighterMarketData;
  readonly account: LighterAccountStream;
  readonly actions: LighterActions;
  readonly readback: LighterReadback;
  private readonly signer: LighterSigner | null;
  protected readonly parts: AdapterParts;
  private readonly ownsSigner: boolean;

  constructor(options: LighterAdapterOptions) {
    const latency = options.latency ?? new LatencyRegistry();
    const limiter = new RateLimiter(options.tier === 'standard' ? LIGHTER_STANDARD_BUCKET : LIGHTER_PREMIUM_BUCKET);
    super('lighter', LIGHTER_CAPABILITIES, { latency, limiter, http: new VenueHttp({ venue: 'lighter', baseUrl: options.restUrl, latency, limiter, timeoutMs: 10_000 }) });
    const now = options.now ?? Date.now;
    const creds = options.credentials;
    this.ownsSigner = creds !== undefined && options.signer === undefined;
    this.signer = creds === undefined ? null : (options.signer ?? new LighterSigner(this.latency, now));
    const signer = this.signer;
    const auth = creds === undefined || signer === null ? null : new AuthTokenManager((d) => signer.createAuthToken(creds, d), now);
    const ctx: LighterContext = { options, http: this.http, limiter: this.limiter, latency: this.latency, now, markets: new MarketTable(), auth, accountIndex: creds?.accountIndex ?? options.accountIndex };
    this.data = new LighterMarketData(ctx);
    this.account = new LighterAccountStream(ctx);
    this.actions = new LighterActions(ctx, signer, (m) => this.account.follow(m));
    this.readback = new LighterReadback(ctx);
    this.parts = { marketData: this.data, actions: this.actions, readback: this.readback, accountListeners: this.account.listeners };
  }

  async start(): Promise<void> {
    await this.data.start();
    // Build the signer's generator table now, not inside the first order's latency.
    this.signer?.warm();
    await this.account.start();
  }

  async stop(): Promise<void> {
    this.data.stop();
    this.account.stop();
    this.limiter.dispose();
    if (this.ownsSigner) await this.signer?.close();
    await this.http.close();
  }

  restBook(symbol: string, limit?: number): ReturnType<LighterMarketData['restBook']> {
    return this.data.restBook(symbol, limit);
  }
  reconnectStreams(): void {
    this.data.books.reconnect();
    this.account.reconnect();
  }
  health(): readonly StreamHealth[] {
    return [...this.data.books.health(), ...this.account.health()];
  }
}
