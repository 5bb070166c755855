// What the Lighter face keeps beyond the engine: account indexes, API keys, nonces and the tx log.
import type { SimEngine } from '../engine/engine';
import type { SimMarket } from '../universe/universe';
import { NonceBook } from './tx';

export interface LighterTxRecord {
  readonly hash: string;
  readonly type: number;
  readonly info: string;
  status: 0 | 1 | 2 | 3;
  readonly nonce: number;
  readonly expireAt: number;
  readonly queuedAt: number;
  executedAt: number;
  readonly apiKeyIndex: number;
  readonly accountIndex: number;
}

export interface LighterFaceOptions {
  /** Speed bump between sendTx acknowledgement and execution. */
  readonly txDelayMs?: number;
  /** Enforce the venue's REST limits (off by default). */
  readonly rateLimit?: 'off' | 'standard' | 'premium';
}

export class LighterState {
  readonly nonces = new NonceBook();
  readonly txs = new Map<string, LighterTxRecord>();
  readonly apiKeys = new Map<string, string>(); // "account:key" -> public key hex
  private txSeq = 0;
  readonly byIndex = new Map<number, SimMarket>();
  readonly bySymbol = new Map<string, SimMarket>();

  constructor(readonly engine: SimEngine) {
    for (const m of engine.markets('lighter')) {
      this.byIndex.set(m.marketIndex!, m);
      this.bySymbol.set(m.symbol, m);
    }
  }

  registerApiKey(account: number, apiKey: number, publicKeyHex: string): void {
    this.apiKeys.set(`${account}:${apiKey}`, publicKeyHex);
  }

  newTxHash(): string {
    this.txSeq += 1;
    return (BigInt(this.txSeq) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, '0').slice(-64);
  }
}
