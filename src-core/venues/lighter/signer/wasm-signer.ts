// The reference signer: Lighter's Go-compiled WASM (from lighter-ts-sdk) in a worker thread
// (venues.md §4, §6). The app signs with the pure-TS signer in signer.ts; this one stays as the
// golden oracle that tests and the bench hold it against. One queue: the WASM holds a single
// client, so calls never interleave, and a key change recreates the client first.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { LatencyRegistry } from '../../../telemetry/histogram';
import type { SignerKey, CreateOrderArgs } from './signer';
import { SignerError } from './signer';

// Pinned build of lighter-ts-sdk@1.1.0-beta.1 (package.json pins the exact version; this pins
// the bytes). A different file is refused rather than trusted with keys.
export const LIGHTER_WASM_SHA256 = '54e869f57ef09a1004780ac8cde411d13dd82f36d2d8a436a739b500cb799653';
export const LIGHTER_WASM_EXEC_SHA256 = '0c949f4996f9a89698e4b5c586de32249c3b69b7baadb64d220073cc04acba14';

interface Pending {
  resolve: (v: { txInfo?: string; authToken?: string } | null) => void;
  reject: (e: Error) => void;
}

function packageFile(rel: string): string {
  const req = createRequire(__filename);
  return join(dirname(req.resolve('lighter-ts-sdk/package.json')), rel);
}

export class WasmLighterSigner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  private clientKey: string | null = null;
  readonly latency: LatencyRegistry;

  constructor(latency?: LatencyRegistry) {
    this.latency = latency ?? new LatencyRegistry();
  }

  private start(): Promise<void> {
    if (this.ready !== null) return this.ready;
    this.ready = new Promise<void>((resolve, reject) => {
      const worker = new Worker(join(__dirname, 'signer-worker.cjs'), {
        workerData: { wasmPath: packageFile('wasm/lighter-signer.wasm'), wasmExecPath: packageFile('wasm/wasm_exec.js'), wasmSha256: LIGHTER_WASM_SHA256, wasmExecSha256: LIGHTER_WASM_EXEC_SHA256 },
        env: {}, // the WASM never sees this process's environment
        stdout: true,
        stderr: true,
      });
      this.worker = worker;
      worker.on('message', (m: { id: number; ready?: boolean; fatal?: string; error?: string; result?: { txInfo?: string; authToken?: string } | null }) => {
        if (m.ready === true) return resolve();
        if (m.fatal !== undefined) {
          const e = new SignerError(m.fatal);
          reject(e);
          for (const p of this.pending.values()) p.reject(e);
          this.pending.clear();
          return;
        }
        const p = this.pending.get(m.id);
        if (p === undefined) return;
        this.pending.delete(m.id);
        // Idle workers must not keep the process alive; busy ones must.
        if (this.pending.size === 0) worker.unref();
        if (m.error !== undefined) p.reject(new SignerError(m.error));
        else p.resolve(m.result ?? null);
      });
      worker.on('error', (e) => {
        reject(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
    });
    return this.ready;
  }

  private call(method: string, args: readonly unknown[]): Promise<{ txInfo?: string; authToken?: string } | null> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker!.ref();
      this.worker!.postMessage({ id, method, args });
    });
  }

  /** Runs one signing step at a time, with the right client loaded. */
  private serial<T>(key: SignerKey, op: string, fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.start();
      const id = `${key.privateKeyHex}|${key.accountIndex}|${key.apiKeyIndex}|${key.chainId}`;
      if (this.clientKey !== id) {
        await this.call('CreateClient', [key.privateKeyHex, key.accountIndex, key.apiKeyIndex, key.chainId]);
        this.clientKey = id;
      }
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        this.latency.get(`lighter.sign.${op}`).record(performance.now() - t0);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async txInfo(method: string, args: readonly unknown[]): Promise<string> {
    const r = await this.call(method, args);
    if (r === null || typeof r.txInfo !== 'string' || r.txInfo === '') throw new SignerError(`${method} returned no tx_info`);
    return r.txInfo;
  }

  signCreateOrder(key: SignerKey, a: CreateOrderArgs): Promise<string> {
    if (a.timeInForce !== 0 && a.orderExpiry <= 0) return Promise.reject(new SignerError('resting orders need an explicit OrderExpiry (ms)'));
    return this.serial(key, 'createOrder', () =>
      this.txInfo('SignCreateOrder', [a.marketIndex, a.clientOrderIndex, a.baseAmount, a.price, a.isAsk ? 1 : 0, a.orderType, a.timeInForce, a.reduceOnly ? 1 : 0, a.triggerPrice, a.orderExpiry, a.nonce]),
    );
  }

  signCancelOrder(key: SignerKey, marketIndex: number, index: number, nonce: number): Promise<string> {
    return this.serial(key, 'cancelOrder', () => this.txInfo('SignCancelOrder', [marketIndex, index, nonce]));
  }

  signCancelAll(key: SignerKey, timeInForce: number, timeMs: number, nonce: number): Promise<string> {
    return this.serial(key, 'cancelAll', () => this.txInfo('SignCancelAllOrders', [timeInForce, timeMs, nonce]));
  }

  signUpdateLeverage(key: SignerKey, marketIndex: number, initialMarginFractionBps: number, marginMode: number, nonce: number): Promise<string> {
    return this.serial(key, 'updateLeverage', () => this.txInfo('SignUpdateLeverage', [marketIndex, initialMarginFractionBps, marginMode, nonce]));
  }

  async createAuthToken(key: SignerKey, deadlineS: number): Promise<string> {
    return this.serial(key, 'authToken', async () => {
      const r = await this.call('CreateAuthToken', [deadlineS]);
      if (r === null || typeof r.authToken !== 'string') throw new SignerError('CreateAuthToken returned no token');
      return r.authToken;
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    this.clientKey = null;
    if (w !== null) await w.terminate();
  }
}
