// What the Lighter face keeps beyond the engine: account indexes, API keys, nonces and the tx log.
import type { SimEngine } from '../engine/engine';
import type { SimMarket } from '../universe/universe';
import { NonceBook } from './tx';
import { LighterKeys } from './signatures';
import { freshQuirks, type LighterCounters, type LighterQuirks } from './quirks';
import { TxTypeWindows } from './tx-limits';
import { renderTrade } from './render';
import { ScheduledCancels } from './scheduled-cancel';

export interface LighterTxRecord {
  /** The signed hash, 80 hex characters, as sendTx answered it. */
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

export class LighterState {
  readonly nonces = new NonceBook();
  readonly txs = new Map<string, LighterTxRecord>();
  readonly keys: LighterKeys;
  quirks: LighterQuirks = freshQuirks();
  readonly counters: LighterCounters = { sendTx: 0, refusals: [] };
  readonly txTypeWindows = new TxTypeWindows();
  readonly scheduledCancels: ScheduledCancels;
  /** Recent public trades per market, newest last (REST recentTrades, WS trade/{m}). */
  readonly publicTrades = new Map<number, Record<string, unknown>[]>();
  readonly byIndex = new Map<number, SimMarket>();
  readonly bySymbol = new Map<string, SimMarket>();

  constructor(readonly engine: SimEngine, chainId = 300) {
    this.keys = new LighterKeys(chainId);
    this.scheduledCancels = new ScheduledCancels(engine);
    engine.on('fill', (f) => {
      const m = f.venue === 'lighter' ? this.bySymbol.get(f.symbol) : undefined;
      if (m === undefined) return;
      const list = this.publicTrades.get(m.marketIndex!) ?? [];
      list.push(renderTrade(m, f, Number(f.accountId)));
      if (list.length > 100) list.shift();
      this.publicTrades.set(m.marketIndex!, list);
    });
    for (const m of engine.markets('lighter')) {
      this.byIndex.set(m.marketIndex!, m);
      this.bySymbol.set(m.symbol, m);
    }
  }

  registerApiKey(account: number, apiKey: number, publicKeyHex: string): void {
    this.keys.register(account, apiKey, publicKeyHex);
  }
}
