// The Lighter face checks signatures as the venue does: a tx signed by another key, a field
// changed after signing, or an unregistered key index is refused with 21501 and consumes no
// nonce; auth tokens must carry a valid signature too, over REST and on the stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { LighterSigner } from '../../../src-core/venues/lighter/signer/signer';
import { createOrderTx, lighterGet, lighterToken, manualSim, sendTx } from './helpers';
import { pollUntil } from '../../helpers/wait';

let sim: Simulator;
let clock: ManualClock;

beforeAll(async () => {
  ({ sim, clock } = await manualSim(13));
});
afterAll(async () => {
  await sim.close();
});

const account = () => sim.demo.lighter.accountIndex;
const nextNonce = async () => (await lighterGet(sim, `/api/v1/nextNonce?account_index=${account()}&api_key_index=3`)).body.nonce as number;
const otherKey = () => ({ privateKeyHex: '3c'.repeat(40), accountIndex: account(), apiKeyIndex: 3, chainId: 300 });

describe('Lighter signature checks', () => {
  it('accepts the demo key and refuses another key, a tampered field and an unknown key index', async () => {
    const price = sim.engine.book('lighter', 'ETH').bestBid()!;
    const n = await nextNonce();
    const signer = new LighterSigner(undefined, () => clock.nowMs());
    const foreign = JSON.parse((await signer.signCreateOrder(otherKey(), { marketIndex: 0, clientOrderIndex: 501, baseAmount: 10_000, price, isAsk: false, orderType: 0, timeInForce: 0, reduceOnly: false, triggerPrice: 0, orderExpiry: 0, nonce: n })).txInfo) as Record<string, unknown>;
    const r1 = await sendTx(sim, 14, foreign);
    expect(r1.body.code).toBe(21501);
    expect(String(r1.body.message)).toContain('signature does not verify');

    const good = createOrderTx(sim, n, { Price: price, ClientOrderIndex: 502 }, clock.nowMs());
    const r2 = await sendTx(sim, 14, { ...good, Price: price - 1 });
    expect(r2.body.code).toBe(21501);

    const r3 = await sendTx(sim, 14, { ...createOrderTx(sim, 0, { Price: price, ApiKeyIndex: 7 }, clock.nowMs()) });
    expect(String(r3.body.message)).toContain('not registered');

    // none of the refusals consumed the nonce; the genuine tx still goes through with it
    expect(await nextNonce()).toBe(n);
    const r4 = await sendTx(sim, 14, good);
    expect(r4.body.code).toBe(200);
    expect(await nextNonce()).toBe(n + 1);
  });

  it('refuses an auth token whose signature is not the key’s, over REST and on the stream', async () => {
    const path = `/api/v1/accountOrders?account_index=${account()}&market_id=0`;
    expect((await lighterGet(sim, path, lighterToken(sim, clock.nowMs()))).status).toBe(200);
    const signer = new LighterSigner(undefined, () => clock.nowMs());
    const forged = await signer.createAuthToken(otherKey(), Math.floor(clock.nowMs() / 1000) + 3_600);
    const r = await lighterGet(sim, path, forged);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe(20002);
    const flipped = lighterToken(sim, clock.nowMs()).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await lighterGet(sim, path, flipped)).status).toBe(401);

    const ws = new WebSocket(sim.lighter.wsUrl);
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
    await new Promise((res) => ws.once('open', res));
    ws.send(JSON.stringify({ type: 'subscribe', channel: `account_orders/0/${account()}`, auth: forged }));
    await pollUntil(() => frames.some((f) => f.error !== undefined || f.type === 'error' || String(f.type).startsWith('subscribed/account_orders')), { what: 'an answer to the forged subscription' });
    ws.close();
    expect(frames.some((f) => String(f.type).startsWith('subscribed/account_orders'))).toBe(false);
    expect(JSON.stringify(frames)).toContain('20002');
  });
});
