// Live arming: in memory only, so every start of the core comes up disarmed. Arming needs every
// requirement met (live-status.ts lists them with reasons) and the word the last live.status
// showed; each attempt, right or wrong, consumes the word, so a wrong guess cannot be retried
// against the same word and an old screen's word does not arm.
//
// Per mode: live arms for real venues. sim arms "against the simulator": safe, since sim mode's
// adapters reach only the loopback simulator on its demo accounts (host/venues.ts), and useful as a
// rehearsal of the same checklist. paper is refused: it has no signed trading half, and live
// trading needs a core started with `--mode live`.
import { ApiFailure } from '../../api/envelope';
import type { ArmingCheck, LiveStatus } from '../../api/channels/live';
import type { EventHub } from '../../api/events';
import type { Mode } from '../../domain/venue';
import type { Logger } from '../../telemetry/log';
import { randomArmWord } from './arm-words';

export const PAPER_REFUSAL = 'paper mode never trades with keys: live trading needs the core started with --mode live';

export interface ArmingDeps {
  readonly mode: Mode;
  /** Every requirement's current state (may call the venues: clock). */
  readonly checks: () => Promise<readonly ArmingCheck[]>;
  readonly events: EventHub;
  readonly log: Logger;
  readonly now: () => number;
  readonly word?: () => string;
}

export interface Arming {
  armed(): boolean;
  status(): Promise<LiveStatus>;
  arm(word: string): Promise<LiveStatus>;
  disarm(reason: string): Promise<LiveStatus>;
}

function meaningOf(mode: Mode): string {
  switch (mode) {
    case 'live':
      return 'Armed: the core may send orders to the real venues with the stored keys. Not kept across restarts: a restart comes up disarmed.';
    case 'sim':
      return 'Sim mode: arming is a rehearsal against the embedded simulator (no real venue is reachable in sim mode). Live trading needs the core started with --mode live. Not kept across restarts.';
    case 'paper':
      return PAPER_REFUSAL;
  }
}

export function createArming(deps: ArmingDeps): Arming {
  let armedAtMs: number | null = null;
  let word: string | null = null;
  const nextWord = deps.word ?? randomArmWord;
  const announce = (): void => deps.events.emit('live.changed', { mode: deps.mode, armed: armedAtMs !== null, armedAtMs });
  const view = async (): Promise<LiveStatus> => {
    const checks = await deps.checks();
    const canArm = deps.mode !== 'paper' && armedAtMs === null;
    if (canArm && word === null) word = nextWord();
    return { mode: deps.mode, armed: armedAtMs !== null, armedAtMs, meaning: meaningOf(deps.mode), checks: [...checks], word: canArm ? word : null };
  };
  return {
    armed: () => armedAtMs !== null,
    status: view,
    async arm(typed) {
      if (deps.mode === 'paper') throw new ApiFailure('CONFLICT', PAPER_REFUSAL);
      if (armedAtMs !== null) return view();
      const expected = word;
      word = null;
      if (expected === null) throw new ApiFailure('CONFLICT', 'not armed: ask live.status for the word to type first');
      if (typed.trim().toLowerCase() !== expected) throw new ApiFailure('CONFLICT', 'not armed: the word typed is not the one shown (a new word is shown now)');
      const unmet = (await deps.checks()).filter((c) => !c.met);
      if (unmet.length > 0) {
        throw new ApiFailure('CONFLICT', `not armed: ${unmet.length} requirement${unmet.length === 1 ? '' : 's'} unmet`, unmet.map((c) => ({ path: c.requirement, message: c.detail })));
      }
      armedAtMs = deps.now();
      deps.log.warn('armed for trading', { mode: deps.mode });
      announce();
      return view();
    },
    async disarm(reason) {
      if (armedAtMs !== null) {
        armedAtMs = null;
        deps.log.warn('disarmed', { mode: deps.mode, reason });
        announce();
      }
      return view();
    },
  };
}
