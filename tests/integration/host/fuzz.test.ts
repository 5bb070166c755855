// Acceptance: 1,000 random and malformed payloads sent to every channel over the WebSocket
// transport each get a typed error and the host keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { API_ERROR_CODES } from '../../../src-core/api/envelope';
import { commandNames, queryNames } from '../../../src-core/api/contract';
import { startHost, type RunningHost } from '../../helpers/host';
import { connectClient, type TestClient } from '../../helpers/ws-client';
import { tempDir } from '../../helpers/tmp';

let host: RunningHost;
let client: TestClient;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  host = await startHost(t.dir);
  client = await connectClient(host.server.wsUrl);
});

afterAll(async () => {
  await client.close();
  await host.stop();
  cleanup();
});

// Payloads that no channel accepts: every channel takes an object (or nothing), so wrong types
// and objects with unknown keys or wrong field types must all be refused.
const badPayload = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['state', 'reason', 'app', 'venues', 'trading', 'screener'].includes(k)), fc.jsonValue(), { minKeys: 1, maxKeys: 4 }),
  fc.record({ state: fc.string().filter((s) => !['ACTIVE', 'REDUCING', 'HALTED'].includes(s)), reason: fc.jsonValue() }),
  fc.record({ trading: fc.record({ maxOpenPairs: fc.oneof(fc.string(), fc.constant(-1), fc.constant(1e9)) }) }),
);

const codes = new Set<string>(API_ERROR_CODES);

describe('WebSocket transport under malformed input', () => {
  const channels = [...queryNames.map((c) => ['query', c] as const), ...commandNames.map((c) => ['command', c] as const)];

  it('answers 1,000 bad payloads per channel with typed errors', async () => {
    for (const [kind, channel] of channels) {
      const payloads = fc.sample(badPayload, { numRuns: 1_000, seed: 42 });
      const results = await Promise.all(payloads.map((p) => client.call(kind, channel, p)));
      for (const [i, r] of results.entries()) {
        // settings.update and trading.state.set must refuse everything here; queries accept
        // only {} or nothing, which the generator never produces.
        if (r.ok) throw new Error(`${kind} ${channel} accepted ${JSON.stringify(payloads[i])}`);
        expect(codes.has(r.error.code)).toBe(true);
      }
    }
    const info = await client.call('query', 'app.info', {});
    expect(info.ok).toBe(true);
  });

  it('answers malformed frames with BAD_REQUEST and keeps the connection', async () => {
    const frames: (string | Buffer)[] = [
      'not json',
      '{"id":',
      '[]',
      'null',
      '{"id":"x","kind":"query","channel":"app.info"}',
      '{"id":1,"kind":"delete","channel":"app.info","payload":{}}',
      '{"id":2,"kind":"query","payload":{}}',
      JSON.stringify({ id: 3, kind: 'query', channel: 'x'.repeat(500), payload: {} }),
      JSON.stringify({ id: 4, kind: 'query', channel: 'app.info', payload: {}, extra: true }),
    ];
    for (const f of frames) {
      const reply = await client.sendRaw(f);
      expect(reply.result.ok).toBe(false);
      if (!reply.result.ok) expect(reply.result.error.code).toBe('BAD_REQUEST');
    }
    const binary = await client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect(binary.result.ok).toBe(false);
    const unknown = await client.call('query', 'no.such.channel', {});
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('UNKNOWN_CHANNEL');
    expect((await client.call('query', 'app.info', {})).ok).toBe(true);
  });

  it('drops an oversized frame by closing that socket, and keeps serving others', async () => {
    const victim = await connectClient(host.server.wsUrl);
    const closed = new Promise<number>((resolve) => victim.ws.once('close', (code) => resolve(code)));
    victim.ws.send(JSON.stringify({ id: 1, kind: 'query', channel: 'app.info', payload: { pad: 'x'.repeat(400_000) } }));
    expect(await closed).toBe(1009);
    expect((await client.call('query', 'app.info', {})).ok).toBe(true);
  });
});
