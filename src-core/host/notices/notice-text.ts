// The words of every notice (host/notices/notice-source.ts), as pure functions so each is
// unit-tested: Electron's Notification, the browser's and the window's toast only show them.
// Sizes and prices are the exact strings the venue filled, never re-rounded; USD amounts are
// rounded to cents for reading only (the ledger keeps the exact strings).
import type { FillNew, PairRow } from '../../api/channels/pairs';
import type { NoticeKind, NoticeSeverity } from '../../domain/notice-kinds';
import type { PairState, TradingState } from '../../domain/enums';

const VENUE_NAMES = { lighter: 'Lighter', extended: 'Extended' } as const;

export interface NoticeDraft {
  readonly kind: NoticeKind;
  readonly severity: NoticeSeverity;
  readonly title: string;
  readonly body: string;
  readonly pairSeq: number | null;
}

/** The fields of a `fills.new` event the notice shows. */
export type FillNotice = Pick<FillNew, 'venue' | 'symbol' | 'side' | 'size' | 'price' | 'feeUsd' | 'isMaker' | 'pairSeq'>;

/** "3311.20" → "3,311.20": thousands grouped on the exact string, never through a float, so the
 *  price reads digit for digit as the venue filled it. */
export function groupThousands(decimal: string): string {
  const m = /^([+-]?)(\d+)(\.\d+)?$/.exec(decimal);
  if (m === null) return decimal;
  return `${m[1] === '-' ? '-' : ''}${m[2]!.replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/** "$1.23", "−$0.40", and "$0.00" for anything under half a cent (never "−$0.00"). Display only. */
export function usdCents(decimal: string, signed = false): string {
  const v = Number(decimal);
  if (!Number.isFinite(v)) return decimal;
  if (Math.abs(v) < 0.005) return '$0.00';
  const text = `$${Math.abs(v).toFixed(2)}`;
  if (v < 0) return `−${text}`;
  return signed ? `+${text}` : text;
}

/** Title "ETH buy filled on Lighter (pair 7)", body "Bought 0.500 ETH on Lighter @ 3,311.20
 *  (maker, fee $0.03)". */
export function fillNotification(fill: FillNotice): { title: string; body: string } {
  const verb = fill.side === 'buy' ? 'Bought' : 'Sold';
  const venue = VENUE_NAMES[fill.venue];
  const feeUsd = Number(fill.feeUsd);
  const fee = Math.abs(feeUsd) < 0.005 ? '<$0.01' : `$${Math.abs(feeUsd).toFixed(2)}`;
  return {
    title: `${fill.symbol} ${fill.side} filled on ${venue} (pair ${fill.pairSeq})`,
    body: `${verb} ${fill.size} ${fill.symbol} on ${venue} @ ${groupThousands(fill.price)} (${fill.isMaker ? 'maker' : 'taker'}, fee ${fee}${feeUsd < 0 ? ' rebate' : ''})`,
  };
}

export function fillNoticeDraft(fill: FillNotice): NoticeDraft {
  return { kind: 'fill', severity: 'info', ...fillNotification(fill), pairSeq: fill.pairSeq };
}

function legsText(row: PairRow): string {
  return `long ${VENUE_NAMES[row.longVenue]}, short ${VENUE_NAMES[row.shortVenue]}`;
}

function heldText(row: PairRow): string {
  if (row.openedAtMs === null || row.closedAtMs === null) return '';
  return `, held ${((row.closedAtMs - row.openedAtMs) / 3_600_000).toFixed(1)} h`;
}

/** The notice a pair's state change deserves, or null. `previous` is the state last seen for this
 *  pair (undefined: first seen this run). States in passing (opening, closing) say nothing; a
 *  state seen again says nothing again. */
export function pairNoticeDraft(previous: PairState | undefined, row: PairRow): NoticeDraft | null {
  if (previous === row.state) return null;
  const name = `${row.symbol} pair ${row.pairSeq}`;
  switch (row.state) {
    case 'opening':
    case 'closing':
      return null;
    case 'open':
      return { kind: 'pairOpened', severity: 'info', title: `${name} open`, body: `${row.targetSize} ${row.symbol} each leg, ${legsText(row)}`, pairSeq: row.pairSeq };
    case 'closed': {
      const p = row.pnl;
      const funding = Number(p.fundingReceivedUsd) - Number(p.fundingPaidUsd);
      return {
        kind: 'pairClosed',
        severity: 'info',
        title: `${name} closed`,
        body: `Net ${usdCents(p.netUsd, true)} (price ${usdCents(p.realizedPnlUsd, true)}, funding ${usdCents(String(funding), true)}, fees ${usdCents(p.feesUsd)})${heldText(row)}${row.closeReason === null ? '' : `; ${row.closeReason}`}`,
        pairSeq: row.pairSeq,
      };
    }
    case 'rolled-back':
      return { kind: 'rollback', severity: 'warning', title: `${name} rolled back`, body: `The entry was unwound${row.closeReason === null ? '' : `: ${row.closeReason}`}. Net ${usdCents(row.pnl.netUsd, true)}.`, pairSeq: row.pairSeq };
    case 'broken':
      return { kind: 'brokenHedge', severity: 'critical', title: `${name}: hedge broken`, body: `One leg is not hedged (${legsText(row)}). The app is closing or asking; check Positions.`, pairSeq: row.pairSeq };
    case 'close-failed':
      return { kind: 'brokenHedge', severity: 'critical', title: `${name}: close failed`, body: `The coordinated close gave up; positions may remain on the venues. Trading is REDUCING; check Positions.`, pairSeq: row.pairSeq };
  }
}

/** A move to a stricter trading state by anything but the trader (a breaker, a guard). */
export function breakerNoticeDraft(next: { state: TradingState; reason: string }, source: string): NoticeDraft | null {
  if (source === 'trader' || next.state === 'ACTIVE') return null;
  return {
    kind: 'breakerTrip',
    severity: next.state === 'HALTED' ? 'critical' : 'warning',
    title: next.state === 'HALTED' ? 'Trading HALTED' : 'Entries paused (REDUCING)',
    body: next.reason,
    pairSeq: null,
  };
}

/** Said when the number of findings waiting for the trader grows (not when it shrinks). */
export function decisionNoticeDraft(previousCount: number, count: number): NoticeDraft | null {
  if (count <= previousCount) return null;
  return {
    kind: 'reconcileDecision',
    severity: 'warning',
    title: `Reconciliation: ${count} decision${count === 1 ? '' : 's'} waiting`,
    body: 'Reconciliation found something it will not fix without you. Open the decision queue.',
    pairSeq: null,
  };
}

/** A close or rebalance the trader (or an exit rule) asked for, accepted, then failed: its command
 *  answered OK already, so this notice is the only place the trader learns of it. The kind is
 *  brokenHedge, whose switch already covers "its close failed" (config/notifications.ts): the pair
 *  may hold legs the trader believes are being closed or evened out. */
export function commandFailedNoticeDraft(failure: { what: 'close' | 'rebalance'; pairSeq: number; message: string }): NoticeDraft {
  const body = failure.message.slice(0, 900);
  return failure.what === 'close'
    ? { kind: 'brokenHedge', severity: 'critical', title: `Pair ${failure.pairSeq}: close failed`, body: `The close stopped with an error: ${body}. Positions may remain on the venues; check Positions.`, pairSeq: failure.pairSeq }
    : { kind: 'brokenHedge', severity: 'warning', title: `Pair ${failure.pairSeq}: rebalance failed`, body: `The rebalance stopped with an error: ${body}. The legs may differ in size; check Positions.`, pairSeq: failure.pairSeq };
}
