// The simulator's market universe, seeded from a real snapshot of both venues' symbol lists and
// funding (venue-universe.json: 121 Lighter, 79 Extended, 67 common). Prices, ticks, steps and
// minimums are synthetic but shaped like the real venues': Lighter's integer price/size decimals
// (ETH is market index 0), Extended's tick/step strings including steps above one (BONK, PEPE).
import universe from './venue-universe.json';
import type { VenueId } from '../../../domain/venue';
import { hashSeed } from '../engine/rng';

export interface SimMarket {
  readonly venue: VenueId;
  readonly symbol: string;
  /** "ETH" on Lighter, "ETH-USD" on Extended. */
  readonly venueMarket: string;
  /** Lighter market index; null on Extended. */
  readonly marketIndex: number | null;
  readonly tickSize: string;
  readonly stepSize: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  readonly minSize: string;
  readonly minNotionalUsd: string;
  readonly maxLeverage: number;
  readonly initialPrice: number;
  /** Decimal fractions (0.0002 = 2 bps); faces render each venue's own unit. */
  readonly makerFeeRate: number;
  readonly takerFeeRate: number;
  /** Funding at the snapshot, signed hourly decimal. */
  readonly seedHourlyRate: number;
  /** Books that are thin or go one-sided at times (like EDEN, ONDO, KAITO on the real venues). */
  readonly liquidity: 'deep' | 'normal' | 'thin';
  readonly l2: { readonly syntheticId: string; readonly syntheticResolution: number; readonly collateralId: string; readonly collateralResolution: number } | null;
  /** Max distance of a limit price from mark, as a fraction (Extended cap/floor, Lighter fat-finger). */
  readonly priceBandFraction: number;
}

const PRICES: Record<string, number> = {
  BTC: 95_400, ETH: 3_310, SOL: 142.3, BNB: 905, XRP: 2.11, DOGE: 0.142, ADA: 0.41, AVAX: 13.9, LINK: 13.6, LTC: 82.4,
  TRX: 0.288, TON: 1.62, SUI: 1.74, APT: 1.78, NEAR: 1.71, ARB: 0.212, OP: 0.33, AAVE: 186, UNI: 5.8, CRV: 0.38,
  LDO: 0.62, HYPE: 25.4, ENA: 0.235, TAO: 268, TIA: 0.58, SEI: 0.122, WLD: 0.55, PEPE: 0.0000061, SHIB: 0.0000083,
  BONK: 0.0000092, WIF: 0.36, TRUMP: 5.4, XAU: 4_610, XAG: 88.2, XMR: 412, ZEC: 410, MNT: 1.05, PENDLE: 2.1, STRK: 0.092,
  EIGEN: 0.41, JUP: 0.21, FARTCOIN: 0.29, PENGU: 0.0112, POPCAT: 0.098, VIRTUAL: 0.71, KAITO: 0.58, ONDO: 0.41, EDEN: 0.064,
};

const THIN = new Set(['EDEN', 'ONDO', 'KAITO', 'RESOLV', 'MEGA', 'AVNT', 'LINEA', 'MON']);
const DEEP = new Set(['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'HYPE', 'BNB']);
// Extended markets whose size step is above one, as on the real venue for tiny-priced coins.
const EXTENDED_COARSE_STEP: Record<string, string> = { PEPE: '1000', SHIB: '1000', BONK: '100', PENGU: '100' };

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function pow10String(exp: number): string {
  if (exp >= 0) return '1' + '0'.repeat(exp);
  return '0.' + '0'.repeat(-exp - 1) + '1';
}

function priceOf(symbol: string): number {
  const known = PRICES[symbol];
  if (known !== undefined) return known;
  // Log-uniform between $0.02 and $60, fixed per symbol.
  const u = (hashSeed(symbol) % 1_000_000) / 1_000_000;
  return Number((0.02 * Math.exp(u * Math.log(3_000))).toPrecision(4));
}

function hourlyFromBps8h(bps: number | null | undefined): number {
  return typeof bps === 'number' ? bps / 10_000 / 8 : 0.0000125;
}

function syntheticIdOf(symbol: string): string {
  return '0x' + Buffer.from(`${symbol}-3`.slice(0, 15), 'ascii').toString('hex');
}

/** Lighter ordering: ETH 0, BTC 1, SOL 2, then alphabetical, as stable indices. */
export function lighterSymbols(): string[] {
  const rest = Object.keys(universe.venues.lighter.markets)
    .filter((s) => s !== 'ETH' && s !== 'BTC' && s !== 'SOL')
    .sort();
  return ['ETH', 'BTC', 'SOL', ...rest];
}

export function extendedSymbols(): string[] {
  return Object.keys(universe.venues.extended.markets).sort();
}

/** Symbols beyond the real snapshot, listed on both venues: a larger universe for benchmarks
 *  (core.rss_mb streams 120 markets, more than the 67 both venues list today). */
export function syntheticSymbols(count: number): string[] {
  return Array.from({ length: count }, (_v, i) => `SYN${String(i + 1).padStart(3, '0')}`);
}

export function commonSymbols(syntheticCount = 0): string[] {
  return [...universe.common_symbols].sort().concat(syntheticSymbols(syntheticCount));
}

function lighterMarket(symbol: string, index: number): SimMarket {
  const price = priceOf(symbol);
  const mag = Math.floor(Math.log10(price));
  const priceDecimals = clamp(5 - mag, 0, 10);
  const sizeDecimals = clamp(mag + 1, 0, 6);
  const step = pow10String(-sizeDecimals);
  const maxLeverage = DEEP.has(symbol) ? 50 : THIN.has(symbol) ? 5 : 10;
  const m = universe.venues.lighter.markets[symbol as keyof typeof universe.venues.lighter.markets] as { funding_bps_8h: number | null } | undefined;
  return {
    venue: 'lighter',
    symbol,
    venueMarket: symbol,
    marketIndex: index,
    tickSize: pow10String(-priceDecimals),
    stepSize: step,
    priceDecimals,
    sizeDecimals,
    minSize: step,
    minNotionalUsd: '10',
    maxLeverage,
    initialPrice: price,
    makerFeeRate: 0.00002,
    takerFeeRate: 0.0002,
    seedHourlyRate: hourlyFromBps8h(m?.funding_bps_8h),
    liquidity: DEEP.has(symbol) ? 'deep' : THIN.has(symbol) ? 'thin' : 'normal',
    l2: null,
    priceBandFraction: 0.1,
  };
}

function extendedMarket(symbol: string): SimMarket {
  const price = priceOf(symbol);
  const mag = Math.floor(Math.log10(price));
  const priceDecimals = clamp(4 - mag, 0, 10);
  const coarse = EXTENDED_COARSE_STEP[symbol];
  const sizeDecimals = coarse === undefined ? clamp(mag, 0, 5) : 0;
  const step = coarse ?? pow10String(-sizeDecimals);
  const minSizeSteps = Math.max(1, Math.ceil(10 / price / Number(step)));
  const m = universe.venues.extended.markets[symbol as keyof typeof universe.venues.extended.markets] as { funding_bps_8h: number | null } | undefined;
  return {
    venue: 'extended',
    symbol,
    venueMarket: `${symbol}-USD`,
    marketIndex: null,
    tickSize: pow10String(-priceDecimals),
    stepSize: step,
    priceDecimals,
    sizeDecimals,
    minSize: multiplyStep(step, minSizeSteps),
    minNotionalUsd: '0',
    maxLeverage: DEEP.has(symbol) ? 50 : THIN.has(symbol) ? 5 : 10,
    initialPrice: price,
    makerFeeRate: 0,
    takerFeeRate: 0.00025,
    seedHourlyRate: hourlyFromBps8h(m?.funding_bps_8h),
    liquidity: DEEP.has(symbol) ? 'deep' : THIN.has(symbol) ? 'thin' : 'normal',
    l2: {
      syntheticId: syntheticIdOf(symbol),
      // step × resolution must be an integer so every valid size has an exact on-chain amount.
      syntheticResolution: 10 ** sizeDecimals,
      collateralId: '0x1',
      collateralResolution: 1_000_000,
    },
    priceBandFraction: 0.05,
  };
}

function multiplyStep(step: string, n: number): string {
  const [ip = '0', fp = ''] = step.split('.');
  const units = BigInt(ip + fp) * BigInt(n);
  const s = units.toString().padStart(fp.length + 1, '0');
  return fp.length === 0 ? s : `${s.slice(0, s.length - fp.length)}.${s.slice(s.length - fp.length)}`;
}

/** Both venues' markets; synthetic ones (syntheticSymbols) follow the real ones, on Lighter
 *  after its last real index. */
export function buildUniverse(syntheticCount = 0): { lighter: SimMarket[]; extended: SimMarket[] } {
  const extra = syntheticSymbols(syntheticCount);
  return {
    lighter: [...lighterSymbols(), ...extra].map((s, i) => lighterMarket(s, i)),
    extended: [...extendedSymbols(), ...extra].map((s) => extendedMarket(s)),
  };
}
