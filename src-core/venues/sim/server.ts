// The whole simulator: one engine, both venue faces on loopback, demo accounts on each venue,
// and the loopback control endpoint. The app embeds it in sim mode; tests start their own.
import { publicKeyBytes } from '../lighter/crypto/schnorr';
import { parsePrivateKey } from '../lighter/signer/signer';
import { getStarkKey } from '@scure/starknet';
import { createHash } from 'node:crypto';
import { SimEngine } from './engine/engine';
import { RealClock, type SimClock } from './engine/clock';
import { FaultInjector } from './faults/faults';
import { startLighterFace, type LighterFace } from './lighter/index';
import { startExtendedFace, type ExtendedFace } from './extended/index';
import { startControlServer, type ControlServer } from './control-http';
import type { LighterWsOptions } from './lighter/ws';
import type { ExtendedWsOptions } from './extended/ws';
import type { ExtendedWireOptions } from './extended/state';
import type { ExtendedNetwork } from '../extended/constants';

export interface DemoAccounts {
  readonly lighter: { readonly accountIndex: number; readonly apiKeyIndex: number; readonly apiPrivateKeyHex: string };
  readonly extended: { readonly apiKey: string; readonly vault: number; readonly starkPrivateKey: string; readonly starkPublicKey: string; readonly accountId: number };
}

export interface SimulatorOptions {
  readonly seed?: number;
  readonly clock?: SimClock;
  readonly lighterPort?: number;
  readonly extendedPort?: number;
  /** null disables the HTTP control endpoint (tests use the in-process API). */
  readonly controlPort?: number | null;
  readonly collateralUsd?: number;
  readonly fundingIntervalMs?: number;
  readonly stepMs?: number;
  readonly txDelayMs?: number;
  readonly rateLimits?: boolean;
  /** The Lighter demo account's tier (Standard has per-tx-type limits and zero fees). */
  readonly lighterTier?: 'standard' | 'premium';
  readonly lighterWs?: Partial<LighterWsOptions>;
  readonly extendedWs?: Partial<ExtendedWsOptions>;
  /** The Extended face's signing domain and expiry cap (default testnet). */
  readonly extendedNetwork?: ExtendedNetwork;
  readonly extendedWire?: ExtendedWireOptions;
  /** Markets added beyond the real snapshot, listed on both venues (benchmarks). */
  readonly syntheticMarketCount?: number;
}

export interface Simulator {
  readonly engine: SimEngine;
  readonly faults: FaultInjector;
  readonly lighter: LighterFace;
  readonly extended: ExtendedFace;
  readonly control: ControlServer | null;
  readonly demo: DemoAccounts;
  close(): Promise<void>;
}

/** Deterministic demo keys from the seed: the same seed gives the same accounts. */
export function demoAccounts(seed: number): DemoAccounts {
  const h = (label: string) => createHash('sha256').update(`fundingbot-sim:${seed}:${label}`).digest('hex');
  // A Stark private key must be below the curve order; 62 hex digits always is.
  const starkPrivateKey = '0x' + h('stark').slice(0, 62);
  return {
    lighter: { accountIndex: 100_000 + (seed % 1000), apiKeyIndex: 3, apiPrivateKeyHex: h('lighter').slice(0, 80).padEnd(80, '0') },
    extended: { apiKey: h('extended-api-key').slice(0, 32), vault: 10_000 + (seed % 1000), starkPrivateKey, starkPublicKey: getStarkKey(starkPrivateKey), accountId: 5_000 + (seed % 1000) },
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? new RealClock();
  const faults = new FaultInjector();
  const engine = new SimEngine({ clock, seed, fundingPaymentScale: (v) => faults.fundingPaymentScale(v), ...(options.fundingIntervalMs === undefined ? {} : { fundingIntervalMs: options.fundingIntervalMs }), ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }), ...(options.syntheticMarketCount === undefined ? {} : { syntheticMarketCount: options.syntheticMarketCount }) });
  const demo = demoAccounts(seed);
  const collateral = options.collateralUsd ?? 100_000;
  engine.createAccount('lighter', String(demo.lighter.accountIndex), collateral, options.lighterTier ?? 'premium');
  engine.createAccount('extended', String(demo.extended.accountId), collateral);
  const lighter = await startLighterFace({
    engine,
    faults,
    ...(options.lighterPort === undefined ? {} : { port: options.lighterPort }),
    ...(options.txDelayMs === undefined ? {} : { txDelayMs: options.txDelayMs }),
    rateLimit: options.rateLimits === true ? 'premium' : 'off',
    ...(options.lighterWs === undefined ? {} : { ws: options.lighterWs }),
  });
  // The demo key's public half, as a ChangePubKey would have registered it on the venue.
  lighter.state.registerApiKey(demo.lighter.accountIndex, demo.lighter.apiKeyIndex, Buffer.from(publicKeyBytes(parsePrivateKey(demo.lighter.apiPrivateKeyHex))).toString('hex'));
  const extended = await startExtendedFace({
    engine,
    faults,
    ...(options.extendedPort === undefined ? {} : { port: options.extendedPort }),
    rateLimit: options.rateLimits === true ? 'on' : 'off',
    ...(options.extendedWs === undefined ? {} : { ws: options.extendedWs }),
    ...(options.extendedNetwork === undefined ? {} : { network: options.extendedNetwork }),
    ...(options.extendedWire === undefined ? {} : { wire: options.extendedWire }),
  });
  extended.state.registerAccount({ apiKey: demo.extended.apiKey, accountId: demo.extended.accountId, accountKey: String(demo.extended.accountId), vault: demo.extended.vault, starkKey: demo.extended.starkPublicKey });
  engine.start();
  const control = options.controlPort === null ? null : await startControlServer({ engine, faults, clock, port: options.controlPort ?? 0 });
  return {
    engine,
    faults,
    lighter,
    extended,
    control,
    demo,
    async close() {
      engine.stop();
      await Promise.all([lighter.close(), extended.close(), control?.close()]);
    },
  };
}
