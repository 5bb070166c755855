// Shared plumbing for simulator tests: a manual clock, a started simulator and tiny clients.
// Waiting lives in tests/helpers/wait.ts (pollUntil, wsBarrier): no fixed sleeps here.
import WebSocket from 'ws';
import { getStarkKey } from '@scure/starknet';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { buildSignedOrder } from '../../../src-core/venues/extended/signing/order';
import { EXTENDED_DOMAIN_TESTNET } from '../../../src-core/venues/extended/signing/order-hash';
import { authMessage, txHash } from '../../../src-core/venues/lighter/signer/tx-info';
import { parseTx } from '../../../src-core/venues/sim/lighter/tx';
import { signableOf } from '../../../src-core/venues/sim/lighter/signatures';
import { parsePrivateKey } from '../../../src-core/venues/lighter/signer/signer';
import { sign } from '../../../src-core/venues/lighter/crypto/schnorr';

export const T0 = Date.UTC(2026, 10, 24, 10, 20);

/** A simulator on a manual clock. Model and stream cadences are coarse (one step a minute) so a
 *  test can advance hours of simulated time in milliseconds. */
export async function manualSim(seed = 7): Promise<{ sim: Simulator; clock: ManualClock }> {
  const clock = new ManualClock(T0);
  const sim = await startSimulator({ seed, clock, controlPort: null, txDelayMs: 0, stepMs: 60_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 60_000 } });
  return { sim, clock };
}

export async function lighterGet(sim: Simulator, path: string, auth?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(sim.lighter.restUrl + path, auth === undefined ? {} : { headers: { Authorization: auth } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function extendedFetch(sim: Simulator, path: string, init: { method?: string; body?: unknown; apiKey?: string | null } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'User-Agent': 'fundingbot-test' };
  const key = init.apiKey === undefined ? sim.demo.extended.apiKey : init.apiKey;
  if (key !== null) headers['X-Api-Key'] = key;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(sim.extended.restUrl + path, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A Lighter auth token signed with the demo API key, as the venue issues them. */
export function lighterToken(sim: Simulator, nowMs: number, lifetimeS = 3_600): string {
  const m = authMessage(Math.floor(nowMs / 1000) + lifetimeS, sim.demo.lighter.accountIndex, 3);
  return `${m.text}:${Buffer.from(sign(m.hash, parsePrivateKey(sim.demo.lighter.apiPrivateKeyHex))).toString('hex')}`;
}

const DUMMY_SIG = Buffer.alloc(80, 7).toString('base64');

/** A CreateOrder tx_info signed with the demo key (an explicit `Sig` in `over` is kept as is). */
export function createOrderTx(sim: Simulator, nonce: number, over: Record<string, unknown>, nowMs: number): Record<string, unknown> {
  const info: Record<string, unknown> = {
    AccountIndex: sim.demo.lighter.accountIndex,
    ApiKeyIndex: 3,
    MarketIndex: 0,
    ClientOrderIndex: 1_000 + nonce,
    BaseAmount: 10_000,
    Price: 1,
    IsAsk: 0,
    Type: 0,
    TimeInForce: 0,
    ReduceOnly: 0,
    TriggerPrice: 0,
    OrderExpiry: 0,
    ExpiredAt: nowMs + 600_000,
    Nonce: nonce,
    ...over,
  };
  if ('Sig' in over) return info;
  let tx: ReturnType<typeof signableOf>;
  // Deliberately invalid fields cannot be signed; the venue refuses them before checking Sig.
  try {
    tx = signableOf(parseTx(14, { ...info, Sig: DUMMY_SIG }), 300);
  } catch {
    return { ...info, Sig: DUMMY_SIG };
  }
  return { ...info, Sig: Buffer.from(sign(txHash(tx), parsePrivateKey(sim.demo.lighter.apiPrivateKeyHex))).toString('base64') };
}

export async function sendTx(sim: Simulator, txType: number, info: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(sim.lighter.restUrl + '/api/v1/sendTx', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ tx_type: String(txType), tx_info: JSON.stringify(info) }).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export function signedExtendedOrder(sim: Simulator, over: Partial<Parameters<typeof buildSignedOrder>[0]> & { market: string; side: 'BUY' | 'SELL'; qty: string; price: string }, nowMs: number) {
  const m = sim.extended.state.byName.get(over.market)!;
  const d = sim.demo.extended;
  return buildSignedOrder(
    { externalId: `t-${Math.random().toString(36).slice(2)}`, timeInForce: 'GTT', postOnly: false, reduceOnly: false, expiryEpochMillis: nowMs + 86_400_000, feeRate: '0.00025', nonce: 12345, ...over },
    m.l2!,
    { vault: d.vault, privateKey: d.starkPrivateKey, publicKey: getStarkKey(d.starkPrivateKey) },
    EXTENDED_DOMAIN_TESTNET,
  );
}

export function collect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}
