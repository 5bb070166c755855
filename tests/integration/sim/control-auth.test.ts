// The simulator's control endpoint obeys only this run's caller: a web page the user visits can
// aim requests at loopback (a text/plain form POST needs no preflight; DNS rebinding names our
// port under a foreign host), so every refusal below must leave the faults untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { describeControl, embeddedSimulatorLines } from '../../../src-core/host/sim-cli';
import { T0 } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 3, clock: new ManualClock(T0), controlPort: 0, stepMs: 60_000 });
});
afterAll(async () => {
  await sim.close();
});

const port = () => Number(new URL(sim.control!.url).port);
const scale = () => sim.faults.fundingPaymentScale('lighter');

/** A raw request, so Host and Origin can be whatever an attacker's browser would send. */
function send(path: string, headers: Record<string, string>, body = '{"venue":"lighter","scale":7}', method = 'POST'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: port(), path, method, headers: { Host: `127.0.0.1:${port()}`, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}
const json = { 'Content-Type': 'application/json' };
const auth = () => ({ Authorization: `Bearer ${sim.control!.token}` });

describe('simulator control endpoint', () => {
  it('refuses a request without the token, or with a wrong one of the same length', async () => {
    expect(await send('/faults/fundingPaymentScale', json)).toBe(401);
    const t = sim.control!.token;
    const wrong = (t[0] === 'A' ? 'B' : 'A') + t.slice(1);
    expect(await send('/faults/fundingPaymentScale', { ...json, Authorization: `Bearer ${wrong}` })).toBe(401);
    expect(await send(`/faults/fundingPaymentScale?token=${wrong}`, json)).toBe(401);
    expect(await send('/', {}, '', 'GET')).toBe(401);
    expect(scale()).toBe(1);
  });

  it('refuses any request with an Origin header, our own origin included', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${port()}`, 'null']) {
      expect(await send('/faults/fundingPaymentScale', { ...json, ...auth(), Origin: origin })).toBe(403);
    }
    expect(scale()).toBe(1);
  });

  it('refuses non-JSON content types (what a page can send without a preflight)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(await send('/faults/fundingPaymentScale', { ...auth(), 'Content-Type': type })).toBe(415);
    }
    expect(await send('/faults/fundingPaymentScale', auth())).toBe(415);
    expect(scale()).toBe(1);
  });

  it('refuses a Host that is not loopback with our port (DNS rebinding)', async () => {
    for (const host of [`evil.example:${port()}`, `127.0.0.1:${port() + 1}`, '127.0.0.1']) {
      expect(await send('/faults/fundingPaymentScale', { ...json, ...auth(), Host: host })).toBe(403);
    }
    expect(scale()).toBe(1);
  });

  it('obeys the token as a bearer header or in the query, with a JSON body', async () => {
    expect(await send('/faults/fundingPaymentScale', { ...json, ...auth() })).toBe(200);
    expect(scale()).toBe(7);
    expect(await send(`/faults/reset?token=${encodeURIComponent(sim.control!.token)}`, { ...json, Host: `localhost:${port()}` }, '{}')).toBe(200);
    expect(scale()).toBe(1);
    expect(await send('/', auth(), '', 'GET')).toBe(200);
  });

  it('prints the token in the CLI lines, with a curl command that works as printed', () => {
    const lines = describeControl(sim.control).join('\n');
    expect(lines).toContain(sim.control!.url);
    expect(lines).toContain(`Authorization: Bearer ${sim.control!.token}`);
    expect(lines).toContain("Content-Type: application/json");
    expect(embeddedSimulatorLines(sim).join('\n')).toContain(sim.control!.token);
    expect(embeddedSimulatorLines(null)).toEqual([]);
  });
});
