// The resolver: which proposed actions are applied at once and which wait for the trader. Pure: it
// returns a plan; applying it is the caller's (ledger writes, venue orders through the tracker).
//
// - Safe fixes are always automatic: recording a fill or a funding payment, resolving an order
//   from the venue's evidence, marking an order lost. They only make the ledger say what the venue
//   proves, and each is idempotent in the ledger.
// - Destructive fixes (closing a naked leg or a position not ours, cancelling an order the ledger
//   does not hold as working, closing a zombie pair in the ledger) wait for the trader unless the
//   trader opted in to that kind (config/reconcile.ts).
// - A "don't close" always wins (upstream B17: a failed auto-import fell through to closing with
//   auto-close off). An action is automatic only when nothing says no: its kind's opt-in is on,
//   its market is not protected, and no other discrepancy in the same venue market waits for the
//   trader. There is no fallback from one fix to another.
// - Reviews (a size mismatch) have no automatic fix; a venue that could not be read is skipped.
import type { ReconcileSettings } from '../config/reconcile';
import type { VenueId } from '../domain/enums';
import type { ActionKind, DiffResult, Discrepancy, ProposedAction } from './discrepancy';

export type ResolverSettings = Pick<
  ReconcileSettings,
  'autoCloseNakedLegs' | 'autoCloseForeignPositions' | 'autoCancelForeignOrders' | 'autoCancelStaleOwnOrders' | 'autoCloseZombiePairs' | 'protectedSymbols'
>;

export interface PlannedFix {
  readonly discrepancy: Discrepancy;
  readonly action: ProposedAction;
  /** Why it is in its group (the opt-in that allowed it, or what holds it back). */
  readonly why: string;
}

export interface ReconcilePlan {
  /** Applied now, in this order: fills, payments, order resolutions, lost marks, then the
   *  destructive fixes the trader opted in to. */
  readonly automatic: readonly PlannedFix[];
  /** Shown to the trader: destructive fixes without an opt-in, and reviews. */
  readonly awaitingDecision: readonly PlannedFix[];
  /** Venues that could not be read. */
  readonly skipped: readonly PlannedFix[];
  /** False while any venue is skipped: the caller keeps new entries blocked. */
  readonly complete: boolean;
}

const SAFE_ORDER: readonly ActionKind[] = ['record-fill', 'record-funding', 'resolve-order', 'mark-lost'];

type Destructive = Extract<ProposedAction, { kind: 'close-position' | 'cancel-order' | 'close-zombie-pair' }>;

/** The opt-in that lets a destructive action run without asking. */
function optIn(a: Destructive, s: ResolverSettings): { readonly key: keyof ResolverSettings; readonly on: boolean } {
  switch (a.kind) {
    case 'close-position':
      return a.why === 'naked-leg' ? { key: 'autoCloseNakedLegs', on: s.autoCloseNakedLegs } : { key: 'autoCloseForeignPositions', on: s.autoCloseForeignPositions };
    case 'cancel-order':
      return a.why === 'foreign' ? { key: 'autoCancelForeignOrders', on: s.autoCancelForeignOrders } : { key: 'autoCancelStaleOwnOrders', on: s.autoCancelStaleOwnOrders };
    case 'close-zombie-pair':
      return { key: 'autoCloseZombiePairs', on: s.autoCloseZombiePairs };
  }
}

/** The venue market an action touches, if it touches a venue. */
function venueMarket(a: ProposedAction): { readonly venue: VenueId; readonly symbol: string } | null {
  return a.kind === 'close-position' || a.kind === 'cancel-order' ? { venue: a.venue, symbol: a.symbol } : null;
}

/** The market a discrepancy is about, for holding back other actions there. */
function marketOf(d: Discrepancy): string | null {
  const m = venueMarket(d.action);
  if (m !== null) return `${m.venue}|${m.symbol}`;
  return d.kind === 'size-mismatch' ? `${d.venue}|${d.symbol}` : null;
}

export function resolvePlan(diff: DiffResult, settings: ResolverSettings): ReconcilePlan {
  const safe: PlannedFix[] = [];
  const destructive: { d: Discrepancy; a: Destructive }[] = [];
  const awaiting: PlannedFix[] = [];
  const skipped: PlannedFix[] = [];
  for (const d of diff.discrepancies) {
    const a = d.action;
    switch (a.kind) {
      case 'record-fill':
      case 'record-funding':
      case 'resolve-order':
      case 'mark-lost':
        safe.push({ discrepancy: d, action: a, why: 'safe: the ledger records what the venue proves' });
        break;
      case 'close-position':
      case 'cancel-order':
      case 'close-zombie-pair':
        destructive.push({ d, a });
        break;
      case 'review':
        awaiting.push({ discrepancy: d, action: a, why: 'no automatic fix: the trader decides' });
        break;
      case 'skip-venue':
        skipped.push({ discrepancy: d, action: a, why: `${a.venue} could not be read: nothing about it is concluded` });
        break;
    }
  }
  const protectedSymbols = new Set(settings.protectedSymbols);
  // First pass: each destructive action on its own settings.
  const held: PlannedFix[] = [];
  const allowed: PlannedFix[] = [];
  for (const { d, a } of destructive) {
    const o = optIn(a, settings);
    const m = venueMarket(a);
    if (!o.on) held.push({ discrepancy: d, action: a, why: `${o.key} is off: the trader decides` });
    else if (m !== null && protectedSymbols.has(m.symbol)) held.push({ discrepancy: d, action: a, why: `${m.symbol} is a protected market: never touched without asking` });
    else allowed.push({ discrepancy: d, action: a, why: `${o.key} is on` });
  }
  // Second pass: a market with anything waiting for the trader is not touched automatically.
  const waitingMarkets = new Set<string>();
  for (const f of [...held, ...awaiting]) {
    const k = marketOf(f.discrepancy);
    if (k !== null) waitingMarkets.add(k);
  }
  const automaticDestructive: PlannedFix[] = [];
  for (const f of allowed) {
    const k = marketOf(f.discrepancy);
    if (k !== null && waitingMarkets.has(k)) held.push({ ...f, why: `another discrepancy in ${k} waits for the trader: this one waits too` });
    else automaticDestructive.push(f);
  }
  safe.sort((x, y) => SAFE_ORDER.indexOf(x.action.kind) - SAFE_ORDER.indexOf(y.action.kind));
  return { automatic: [...safe, ...automaticDestructive], awaitingDecision: [...held, ...awaiting], skipped, complete: diff.complete };
}
