// Live arming's rules without a keychain or venues: the word is consumed by every attempt, an
// unmet requirement refuses with each reason, paper mode never arms, disarm is one call, and the
// armed flag is announced to the renderer (live.changed).
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import type { ArmingCheck } from '../../../src-core/api/channels/live';
import { ApiFailure } from '../../../src-core/api/envelope';
import { createArming, PAPER_REFUSAL } from '../../../src-core/host/keys/arming';
import type { Mode } from '../../../src-core/domain/venue';
import { silentLogger } from '../../../src-core/telemetry/log';

const met = (requirement: ArmingCheck['requirement'], ok = true): ArmingCheck => ({ requirement, label: requirement, met: ok, detail: ok ? 'fine' : `${requirement} is not there` });

function setup(mode: Mode, checks: ArmingCheck[]) {
  const events = new EventHub();
  const seen: unknown[] = [];
  events.subscribe('live.changed', (e) => seen.push(e));
  const words = ['anchor', 'basalt', 'cobalt', 'delta'];
  const arming = createArming({ mode, checks: () => Promise.resolve(checks), events, log: silentLogger, now: () => 1_000, word: () => words.shift()! });
  return { arming, seen, checks };
}

async function refusal(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('live arming', () => {
  it('arms with the word shown when every requirement is met, and disarms in one call', async () => {
    const { arming, seen } = setup('live', [met('mode'), met('lighter-keys'), met('reconciled')]);
    const s = await arming.status();
    expect(s).toMatchObject({ armed: false, word: 'anchor' });
    // The same word until an attempt is made: re-reading the checklist does not change it.
    expect((await arming.status()).word).toBe('anchor');
    const armed = await arming.arm(' Anchor ');
    expect(armed).toMatchObject({ armed: true, armedAtMs: 1_000, word: null });
    expect(arming.armed()).toBe(true);
    expect((await arming.disarm('trader')).armed).toBe(false);
    expect(seen).toEqual([{ mode: 'live', armed: true, armedAtMs: 1_000 }, { mode: 'live', armed: false, armedAtMs: null }]);
  });

  it('a wrong word consumes the word shown: the old one no longer arms', async () => {
    const { arming } = setup('live', [met('mode')]);
    await arming.status();
    expect((await refusal(arming.arm('basalt'))).message).toMatch(/not the one shown/);
    expect((await refusal(arming.arm('anchor'))).message).toMatch(/ask live.status/);
    expect((await arming.status()).word).toBe('basalt');
    expect((await arming.arm('basalt')).armed).toBe(true);
  });

  it('refuses with every unmet requirement and its reason, and stays disarmed', async () => {
    const { arming, seen } = setup('live', [met('mode'), met('lighter-keys', false), met('reconciled', false)]);
    const e = await refusal(arming.arm((await arming.status()).word!));
    expect(e.code).toBe('CONFLICT');
    expect(e.issues).toEqual([
      { path: 'lighter-keys', message: 'lighter-keys is not there' },
      { path: 'reconciled', message: 'reconciled is not there' },
    ]);
    expect(arming.armed()).toBe(false);
    expect(seen).toEqual([]);
  });

  it('paper mode never arms and shows no word', async () => {
    const { arming } = setup('paper', [met('mode', false)]);
    expect((await arming.status()).word).toBeNull();
    expect((await refusal(arming.arm('anchor'))).message).toBe(PAPER_REFUSAL);
  });

  it('sim mode arms as a rehearsal and says so', async () => {
    const { arming } = setup('sim', [met('mode')]);
    const s = await arming.status();
    expect(s.meaning).toMatch(/rehearsal against the embedded simulator/);
    expect((await arming.arm(s.word!)).armed).toBe(true);
  });
});
