// What the Lighter adapter is configured with, and the context its parts share. Base URLs come
// from configuration: the same code talks to the simulator or to the venue.
import type { LatencyRegistry } from '../../telemetry/histogram';
import type { MarketMeta } from '../port';
import type { VenueHttp } from '../common/http';
import type { RateLimiter } from '../common/rate-limit';
import type { AuthTokenManager } from './auth-token';
import type { LighterSigner } from './signer/signer';

export interface LighterCredentials {
  readonly privateKeyHex: string;
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  readonly chainId: number;
}

export interface LighterAdapterOptions {
  readonly restUrl: string;
  readonly wsUrls: readonly string[];
  readonly tier?: 'standard' | 'premium';
  /** The trading account; its balance and positions are public reads on Lighter. */
  readonly accountIndex?: number;
  /** API key for signed transactions and private reads; without it actions are refused. */
  readonly credentials?: LighterCredentials;
  readonly signer?: LighterSigner;
  readonly orderTimeoutMs?: number;
  readonly latency?: LatencyRegistry;
  readonly metadataTtlMs?: number;
  readonly stallMs?: number;
  /** Markets whose account_orders channel is followed from the start (others once traded). */
  readonly orderMarkets?: readonly string[];
  readonly now?: () => number;
}

/** Symbol ⇄ market index, filled by the metadata load. Index 0 is ETH: never truthiness-tested. */
export class MarketTable {
  readonly bySymbol = new Map<string, MarketMeta>();
  private readonly byIndex = new Map<number, string>();

  set(m: MarketMeta): void {
    this.bySymbol.set(m.symbol, m);
    if (m.marketIndex !== null) this.byIndex.set(m.marketIndex, m.symbol);
  }

  symbolOf(index: number): string {
    return this.byIndex.get(index) ?? String(index);
  }

  indexOf(symbol: string): number | null {
    return this.bySymbol.get(symbol)?.marketIndex ?? null;
  }
}

export interface LighterContext {
  readonly options: LighterAdapterOptions;
  readonly http: VenueHttp;
  readonly limiter: RateLimiter;
  readonly latency: LatencyRegistry;
  readonly now: () => number;
  readonly markets: MarketTable;
  readonly auth: AuthTokenManager | null;
  /** The account whose public reads (balance, positions, account_all) we follow. */
  readonly accountIndex: number | undefined;
}

export const HOUR_MS = 3_600_000;
