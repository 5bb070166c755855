// The arming checklist, each requirement with its reason: the mode, each venue's keys stored and
// verified in this run, each venue's clock against venue time (the doctor's check:
// support/clock-skew.ts), and reconciliation complete with nothing waiting for the trader.
import type { ArmingCheck } from '../../api/channels/live';
import type { ReconcileStatus } from '../../api/channels/reconcile';
import type { Mode, VenueId } from '../../domain/venue';
import type { MarketDataPort } from '../../venues/port';
import { firstBook, skewVerdict } from '../support/clock-skew';
import { PAPER_REFUSAL } from './arming';
import type { KeysService } from './keys-service';

export interface ArmingCheckDeps {
  readonly mode: Mode;
  readonly keys: KeysService;
  /** Both venues' market data while the runtime runs, else null. */
  readonly ports: () => Readonly<Record<VenueId, Pick<MarketDataPort, 'book' | 'onBook' | 'watchBooks' | 'market'>>> | null;
  readonly symbols: () => readonly string[];
  /** The reconcile loop's status while the trading core runs, else null. */
  readonly reconcile: () => ReconcileStatus | null;
  /** How long the clock check waits for a book when none is held yet. */
  readonly bookWaitMs?: number;
}

const NAMES: Record<VenueId, string> = { lighter: 'Lighter', extended: 'Extended' };

function keysCheck(deps: ArmingCheckDeps, venue: VenueId): ArmingCheck {
  const s = deps.keys.venue(venue);
  const requirement = venue === 'lighter' ? 'lighter-keys' : 'extended-keys';
  const label = `${NAMES[venue]} keys stored and verified`;
  if (!s.stored) return { requirement, label, met: false, detail: `no ${NAMES[venue]} keys are stored` };
  if (s.verifyError !== null) return { requirement, label, met: false, detail: `the last verification failed: ${s.verifyError}` };
  if (s.verifiedAtMs === null) return { requirement, label, met: false, detail: 'stored, not verified since the core started: press Verify' };
  return { requirement, label, met: true, detail: `fingerprint ${s.fingerprint ?? '?'}, verified at ${new Date(s.verifiedAtMs).toISOString()}` };
}

async function clockCheck(deps: ArmingCheckDeps, venue: VenueId): Promise<ArmingCheck> {
  const requirement = venue === 'lighter' ? 'lighter-clock' : 'extended-clock';
  const label = `Clock within bounds of ${NAMES[venue]} time`;
  const ports = deps.ports();
  if (ports === null) return { requirement, label, met: false, detail: 'market data is not running, so no venue time to compare' };
  const port = ports[venue];
  // ETH where listed, as the doctor does (among the busiest books, never long silent).
  const symbol = port.market('ETH') !== undefined ? 'ETH' : deps.symbols()[0];
  if (symbol === undefined) return { requirement, label, met: false, detail: 'no market to read a book of' };
  const waitMs = deps.bookWaitMs ?? 3_000;
  const verdict = skewVerdict(await firstBook(port, symbol, waitMs), waitMs);
  return { requirement, label, met: verdict.ok, detail: verdict.detail };
}

function reconcileCheck(deps: ArmingCheckDeps): ArmingCheck {
  const requirement = 'reconciled';
  const label = 'Reconciliation clean';
  const r = deps.reconcile();
  if (r === null) return { requirement, label, met: false, detail: 'the trading core is not running, so the ledger was not reconciled against the venues' };
  if (!r.reconciled) return { requirement, label, met: false, detail: r.skippedVenues.length > 0 ? `not reconciled: ${r.skippedVenues.map((s) => `${s.venue} ${s.failedQuery} failed`).join('; ')}` : 'not reconciled yet' };
  if (r.pending.length > 0) return { requirement, label, met: false, detail: `${r.pending.length} item${r.pending.length === 1 ? '' : 's'} wait for a decision (reconcile.pending)` };
  return { requirement, label, met: true, detail: `reconciled${r.lastCompleteAtMs === null ? '' : ` at ${new Date(r.lastCompleteAtMs).toISOString()}`}, nothing pending` };
}

export async function armingChecks(deps: ArmingCheckDeps): Promise<readonly ArmingCheck[]> {
  const modeCheck: ArmingCheck =
    deps.mode === 'paper'
      ? { requirement: 'mode', label: 'Mode allows arming', met: false, detail: PAPER_REFUSAL }
      : { requirement: 'mode', label: 'Mode allows arming', met: true, detail: deps.mode === 'live' ? 'live mode: real venues' : 'sim mode: the embedded simulator only (a rehearsal)' };
  const [lighterClock, extendedClock] = await Promise.all([clockCheck(deps, 'lighter'), clockCheck(deps, 'extended')]);
  return [modeCheck, keysCheck(deps, 'lighter'), keysCheck(deps, 'extended'), lighterClock, extendedClock, reconcileCheck(deps)];
}
