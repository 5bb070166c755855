// Lighter transaction signing in pure TypeScript (venues.md §1.6): Poseidon2 tx hash, Schnorr
// over ECgFp5, tx_info JSON as the venue expects it. It replaces the 11.5 MB Go WASM (kept as a
// test oracle in wasm-signer.ts): no worker, no global client, no Go runtime, and a warm
// signature in about half a millisecond instead of six.
//
// Keys: the 40-byte private key is parsed once per key and held as a scalar in this object only.
// Timing: JavaScript offers no constant-time arithmetic; the comb lookups depend on the nonce.
// The signer runs on the trader's own machine, where an attacker able to time it could read
// memory anyway; keys never leave this process.
import { LatencyRegistry } from '../../../telemetry/histogram';
import { warm } from '../crypto/fixed-base';
import { publicKeyBytes, sign } from '../crypto/schnorr';
import { scalarFromBytes } from '../crypto/scalar';
import { MAX_PERPS_MARKET_INDEX, TX_ATTRIBUTE } from '../constants';
import { authMessage, cancelAllTx, cancelOrderTx, createOrderTx, DEFAULT_TX_TTL_MS, modifyOrderTx, txHash, txHashHex, txInfoJson, TxValidationError, updateLeverageTx, type CreateOrderFields, type ModifyOrderFields, type SignableTx, type TxAttributes, type TxCommon } from './tx-info';

export { CHAIN_ID } from '../constants';
export const AUTH_TOKEN_MAX_S = 7 * 3_600;

export class SignerError extends Error {
  override readonly name = 'SignerError';
}

export interface SignerKey {
  /** 40 bytes as 80 hex characters (an optional 0x prefix is accepted). */
  readonly privateKeyHex: string;
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  readonly chainId: number;
}

export interface CreateOrderArgs extends CreateOrderFields {
  readonly nonce: number;
  /** Tx deadline in ms; defaults to now + 10 min − 1 s like the reference signer. */
  readonly expiredAt?: number;
  /** L2TxAttributes (e.g. self-trade mode); omitted = none, hash as the reference signer's. */
  readonly attributes?: TxAttributes;
}

export interface CancelAllArgs {
  /** CANCEL_ALL_TIF: immediate, scheduled (dead-man switch) or abort. */
  readonly timeInForce: number;
  /** When a scheduled cancel-all fires, ms; 0 otherwise. */
  readonly timeMs: number;
  /** Only this market (immediate only); omitted = every market of the account. */
  readonly marketIndex?: number;
}

export type ModifyOrderArgs = ModifyOrderFields;

/** What sendTx takes (`tx_type`, `tx_info`) and the `tx_hash` the venue will answer with, known
 *  before sending so an ambiguous send can be looked up (GET /api/v1/tx?by=hash&value=…). */
export interface SignedTx {
  readonly txType: number;
  readonly txInfo: string;
  /** 80 hex characters: the 40-byte signed Poseidon hash. */
  readonly txHash: string;
}

export function parsePrivateKey(hex: string): bigint {
  const h = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{80}$/.test(h)) throw new SignerError('a Lighter API private key is 40 bytes (80 hex characters)');
  return scalarFromBytes(Buffer.from(h, 'hex'));
}

export class LighterSigner {
  readonly latency: LatencyRegistry;
  private readonly keys = new Map<string, bigint>();

  constructor(latency?: LatencyRegistry, private readonly now: () => number = Date.now) {
    this.latency = latency ?? new LatencyRegistry();
  }

  /** Builds the generator table (~0.1 s) now instead of on the first order. */
  warm(): void {
    warm();
  }

  private secret(key: SignerKey): bigint {
    let sk = this.keys.get(key.privateKeyHex);
    if (sk === undefined) {
      sk = parsePrivateKey(key.privateKeyHex);
      this.keys.set(key.privateKeyHex, sk);
    }
    return sk;
  }

  /** The key's public half as Lighter registers it (40 bytes, hex). */
  publicKeyHex(key: SignerKey): string {
    return Buffer.from(publicKeyBytes(this.secret(key))).toString('hex');
  }

  private common(key: SignerKey, nonce: number, expiredAt: number | undefined): TxCommon {
    return { chainId: key.chainId, accountIndex: key.accountIndex, apiKeyIndex: key.apiKeyIndex, nonce, expiredAt: expiredAt ?? this.now() + DEFAULT_TX_TTL_MS };
  }

  /** Runs one signing step, timed per operation; refusals become SignerError with the reason. */
  private timed<T>(op: string, fn: () => T): Promise<T> {
    const t0 = performance.now();
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof TxValidationError || e instanceof SignerError ? new SignerError(e.message) : e);
    } finally {
      this.latency.get(`lighter.sign.${op}`).record(performance.now() - t0);
    }
  }

  private signTx(key: SignerKey, op: string, build: () => SignableTx): Promise<SignedTx> {
    return this.timed(op, () => {
      const tx = build();
      const hash = txHash(tx);
      return { txType: tx.type, txInfo: txInfoJson(tx, Buffer.from(sign(hash, this.secret(key))).toString('base64')), txHash: txHashHex(hash) };
    });
  }

  signCreateOrder(key: SignerKey, a: CreateOrderArgs): Promise<SignedTx> {
    return this.signTx(key, 'createOrder', () => createOrderTx(this.common(key, a.nonce, a.expiredAt), a, a.attributes));
  }

  signCancelOrder(key: SignerKey, marketIndex: number, index: number, nonce: number, expiredAt?: number): Promise<SignedTx> {
    return this.signTx(key, 'cancelOrder', () => cancelOrderTx(this.common(key, nonce, expiredAt), marketIndex, index));
  }

  signCancelAll(key: SignerKey, a: CancelAllArgs, nonce: number, expiredAt?: number): Promise<SignedTx> {
    return this.signTx(key, 'cancelAll', () => {
      // 255 would mean "no market", i.e. every market: a scope must name a real perps market.
      if (a.marketIndex !== undefined && !(Number.isSafeInteger(a.marketIndex) && a.marketIndex >= 0 && a.marketIndex <= MAX_PERPS_MARKET_INDEX)) {
        throw new SignerError(`a cancel-all scope must be a perps market 0..${MAX_PERPS_MARKET_INDEX}, got ${a.marketIndex}`);
      }
      const attributes = a.marketIndex === undefined ? undefined : { [TX_ATTRIBUTE.cancelAllMarketIndex]: a.marketIndex };
      return cancelAllTx(this.common(key, nonce, expiredAt), a.timeInForce, a.timeMs, attributes);
    });
  }

  signModifyOrder(key: SignerKey, a: ModifyOrderArgs, nonce: number, expiredAt?: number): Promise<SignedTx> {
    return this.signTx(key, 'modifyOrder', () => modifyOrderTx(this.common(key, nonce, expiredAt), a));
  }

  signUpdateLeverage(key: SignerKey, marketIndex: number, initialMarginFractionBps: number, marginMode: number, nonce: number, expiredAt?: number): Promise<SignedTx> {
    return this.signTx(key, 'updateLeverage', () => updateLeverageTx(this.common(key, nonce, expiredAt), marketIndex, initialMarginFractionBps, marginMode));
  }

  /** "deadline:account:apiKey:" + 160 hex characters of signature. */
  createAuthToken(key: SignerKey, deadlineS: number): Promise<string> {
    return this.timed('authToken', () => {
      // The reference signer's rule (the venue's own cap is 8 h): keep tokens it would issue.
      if (deadlineS - this.now() / 1000 > AUTH_TOKEN_MAX_S) throw new SignerError('deadline should be within 7 hours');
      const m = authMessage(deadlineS, key.accountIndex, key.apiKeyIndex);
      return `${m.text}:${Buffer.from(sign(m.hash, this.secret(key))).toString('hex')}`;
    });
  }

  /** Forgets parsed keys. Nothing else to release. */
  close(): Promise<void> {
    this.keys.clear();
    return Promise.resolve();
  }
}
