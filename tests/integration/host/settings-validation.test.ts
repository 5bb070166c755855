// Bad settings and free text arriving over the transports (the WebSocket's JSON, Electron IPC's
// structured clone) get a typed VALIDATION error naming the key, and change nothing: not the
// settings the core serves, not the stored row, and no settings.changed event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFrameSchema } from '../../../src-core/api/wire';
import { startHost, type RunningHost } from '../../helpers/host';
import { connectClient, type TestClient } from '../../helpers/ws-client';
import { tempDir } from '../../helpers/tmp';
import type { Result } from '../../../src-core/api/envelope';

let host: RunningHost;
let client: TestClient;
let cleanup: () => void;
let changed = 0;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  host = await startHost(t.dir);
  client = await connectClient(host.server.wsUrl);
  host.core.events.subscribe('settings.changed', () => (changed += 1));
  // Something stored to compare against.
  expect((await client.call('command', 'settings.update', { trading: { notionalPerPairUsd: 777 } })).ok).toBe(true);
  changed = 0;
});

afterAll(async () => {
  await client?.close();
  await host?.stop();
  cleanup?.();
});

const storedRow = () => (host.core.db.prepare('SELECT json, updated_at_ms FROM settings WHERE id = 1').get() as { json: string; updated_at_ms: number });

/** The IPC path as main/ipc.ts runs it: structured clone, frame schema, dispatcher. */
async function viaIpc(kind: string, channel: string, payloadJson: string): Promise<Result<unknown>> {
  const frame = structuredClone(JSON.parse(`{"id":1,"kind":"${kind}","channel":"${channel}","payload":${payloadJson}}`) as unknown);
  const parsed = requestFrameSchema.safeParse(frame);
  if (!parsed.success) throw new Error('frame refused');
  return host.core.dispatcher.call(parsed.data.kind, parsed.data.channel, parsed.data.payload);
}

/** The WebSocket path with the JSON text exactly as written (a `__proto__` key stays a key). */
let rawId = 1_000_000; // above the client's own ids, so the reply comes back to sendRaw
async function viaWs(kind: string, channel: string, payloadJson: string): Promise<Result<unknown>> {
  const reply = await client.sendRaw(`{"id":${rawId++},"kind":"${kind}","channel":"${channel}","payload":${payloadJson}}`);
  return reply.result;
}

// [payload JSON, text the issue must name]
const BAD_SETTINGS: readonly (readonly [string, string])[] = [
  ['{"__proto__":{"trading":{"notionalPerPairUsd":1}}}', '__proto__'],
  ['{"screener":{"__proto__":{"minApy":0}}}', 'screener.__proto__'],
  ['{"trading":{"__proto__":{"notionalPerPairUsd":1}}}', 'trading.__proto__'],
  ['{"constructor":{"prototype":{"x":1}}}', 'constructor'],
  ['{"screener":{"constructor":1}}', 'screener.constructor'],
  ['{"venues":{"lighter":{"prototype":1}}}', 'venues.lighter.prototype'],
  ['{"app":{"mode":"live"}}', 'app.mode'],
  ['{"screener":{"maxSpreadCapFraction":0.001}}', 'screener.maxSpreadCapFraction'],
  ['{"screener":{"maxBreakevenHours":100}}', 'screener.maxBreakevenHours'],
  ['{"trading":{"notionalPerPairUsd":1e12}}', 'trading.notionalPerPairUsd'],
  ['{"screener":{"minExpectedValueUsd":1e9}}', 'screener.minExpectedValueUsd'],
  ['{"screener":{"minL1NotionalUsd":1e12}}', 'screener.minL1NotionalUsd'],
  ['{"screener":{"blacklist":["ETH\\u202e"]}}', 'screener.blacklist.0'],
  ['{"screener":{"blacklist":["BTC","\\u2066SOL\\u2069"]}}', 'screener.blacklist.1'],
  ['{"screener":{"blacklist":["A\\u0000"]}}', 'screener.blacklist.0'],
  ['{"screener":{"blacklist":["A\\u009b"]}}', 'screener.blacklist.0'],
];

function named(r: Result<unknown>, key: string): boolean {
  if (r.ok) return false;
  return (r.error.issues ?? []).some((i) => i.path === key || i.message.includes(`"${key}"`));
}

describe('settings.update refuses bad input and changes nothing', () => {
  for (const [transport, send] of [['WebSocket', viaWs], ['IPC', viaIpc]] as const) {
    it(`over ${transport}`, async () => {
      const before = await client.call('query', 'settings.get', {});
      const row = storedRow();
      for (const [payload, key] of BAD_SETTINGS) {
        const r = await send('command', 'settings.update', payload);
        expect(r.ok ? 'ok' : r.error.code, payload).toBe('VALIDATION');
        expect(named(r, key), `${payload} → ${JSON.stringify(r)}`).toBe(true);
      }
      expect(await client.call('query', 'settings.get', {})).toEqual(before);
      expect(storedRow()).toEqual(row);
      expect(changed).toBe(0);
      expect(({} as Record<string, unknown>)['notionalPerPairUsd']).toBeUndefined();
    });
  }
});

describe('free text in other commands and queries', () => {
  const reasons = ['pause\u202e', '\u2067halt', 'bell\u0007', 'esc\u001b[2J', 'c1\u0085'];

  it('trading.state.set refuses a reason with control or bidi characters and keeps the state', async () => {
    const before = host.core.tradingState();
    for (const reason of reasons) {
      for (const send of [viaWs, viaIpc]) {
        const r = await send('command', 'trading.state.set', JSON.stringify({ state: 'HALTED', reason }));
        expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
        expect(named(r, 'reason')).toBe(true);
      }
    }
    expect(host.core.tradingState()).toEqual(before);
    expect((host.core.db.prepare('SELECT COUNT(*) AS n FROM trading_state_log').get() as { n: number }).n).toBe(0);
  });

  it('screener.explain refuses a symbol with control or bidi characters', async () => {
    const r = await viaWs('query', 'screener.explain', JSON.stringify({ symbol: 'ETH\u202e' }));
    expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
    expect(named(r, 'symbol')).toBe(true);
  });
});
