// The notice source over the core's own event hub: what it raises from fills, pair rows, a
// trading-state change and the reconcile queue, and that each switch in settings.notifications
// silences its kind (and only it).
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import type { Notice } from '../../../src-core/api/channels/notices';
import type { PairRow } from '../../../src-core/api/channels/pairs';
import { NOTICES_RECENT_MAX } from '../../../src-core/api/channels/notices';
import { notificationDefaults, type NotificationSettings } from '../../../src-core/config/notifications';
import { startNoticeSource } from '../../../src-core/host/notices/notice-source';
import type { TradingStateRecord } from '../../../src-core/domain/trading-state';
import type { ReconcileStatus } from '../../../src-core/api/channels/reconcile';

function harness(settings: Partial<NotificationSettings> = {}) {
  const events = new EventHub();
  const seen: Notice[] = [];
  const statuses: number[] = [];
  events.subscribe('notices.new', (n) => seen.push(n));
  events.subscribe('notices.status', (s) => statuses.push(s.decisionsWaiting));
  let stateListener: ((next: TradingStateRecord, source: string) => void) | null = null;
  const source = startNoticeSource({
    events,
    settings: () => ({ ...notificationDefaults, ...settings }),
    tradingState: {
      onChange: (cb) => {
        stateListener = cb as never;
        return () => (stateListener = null);
      },
    },
    now: () => 1_000,
  });
  return {
    events,
    seen,
    statuses,
    source,
    trade: (next: TradingStateRecord, src: string) => stateListener?.(next, src),
    /** A reconcile.changed whose pending list holds `n` findings. */
    reconciled: (n: number) => events.emit('reconcile.changed', statusWith(n)),
  };
}

function statusWith(pendingCount: number): ReconcileStatus {
  const item = (i: number) => ({ id: `f${i}`, kind: 'naked-leg', action: 'close-position', venue: 'lighter' as const, symbol: 'ETH', pairSeq: 0, why: 'autoCloseNakedLegs is off', detail: 'd' });
  return {
    reconciled: true, running: false, lastTrigger: 'periodic', lastRunAtMs: 1, lastCompleteAtMs: 1, lastRunDurationMs: 1, skippedVenues: [],
    appliedCount: 0, deferredCount: 0, pending: Array.from({ length: pendingCount }, (_, i) => item(i)), dismissedCount: 0, invariantViolations: [], lastRunKinds: [],
  };
}

const fill = { venue: 'lighter', venueFillId: 'f', symbol: 'ETH', side: 'buy', size: '0.1', price: '3000', feeUsd: '0.01', isMaker: true, pairSeq: 0, leg: 0, timeMs: 5 } as const;
const row = (state: PairRow['state']): PairRow => ({
  pairSeq: 0, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', state, targetSize: '0.1', legs: [],
  entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 0, openedAtMs: 0, closedAtMs: null, closeReason: null,
  pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' },
});

describe('notice source', () => {
  it('raises a fill, a pair opening once, a breaker trip and numbers them from 0', () => {
    const h = harness();
    h.events.emit('fills.new', fill);
    h.events.emit('pairs.update', row('opening'));
    h.events.emit('pairs.update', row('open'));
    h.events.emit('pairs.update', row('open'));
    h.trade({ state: 'REDUCING', reason: 'drawdown', changedAtMs: 1 }, 'breaker:drawdown');
    h.trade({ state: 'HALTED', reason: 'ui: halt', changedAtMs: 2 }, 'trader');
    expect(h.seen.map((n) => [n.id, n.kind])).toEqual([[0, 'fill'], [1, 'pairOpened'], [2, 'breakerTrip']]);
    expect(h.seen[0]).toMatchObject({ severity: 'info', pairSeq: 0, atMs: 1_000, title: 'ETH buy filled on Lighter (pair 0)' });
    expect(h.source.recent()).toEqual(h.seen);
  });

  it('each switch silences its own kind only', () => {
    const h = harness({ fill: false, breakerTrip: false });
    h.events.emit('fills.new', fill);
    h.trade({ state: 'REDUCING', reason: 'x', changedAtMs: 1 }, 'automatic');
    h.events.emit('pairs.update', row('open'));
    expect(h.seen.map((n) => n.kind)).toEqual(['pairOpened']);
  });

  it('announces the decision count when it changes and asks only when it grows', () => {
    const h = harness();
    h.reconciled(0);
    expect(h.statuses).toEqual([]);
    h.reconciled(2);
    h.reconciled(2);
    h.reconciled(1);
    h.reconciled(0);
    expect(h.statuses).toEqual([2, 1, 0]);
    expect(h.seen.map((n) => n.title)).toEqual(['Reconciliation: 2 decisions waiting']);
    expect(h.source.decisionsWaiting()).toBe(0);
  });

  it('keeps the last NOTICES_RECENT_MAX and stops listening when stopped', () => {
    const h = harness();
    for (let i = 0; i < NOTICES_RECENT_MAX + 5; i++) h.events.emit('fills.new', { ...fill, venueFillId: `f${i}` });
    expect(h.source.recent()).toHaveLength(NOTICES_RECENT_MAX);
    expect(h.source.recent()[0]!.id).toBe(5);
    h.source.stop();
    h.events.emit('fills.new', fill);
    h.reconciled(3);
    expect(h.seen).toHaveLength(NOTICES_RECENT_MAX + 5);
  });
});
