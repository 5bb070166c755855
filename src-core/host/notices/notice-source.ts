// Turns what the core already announces into notices for the trader: fills of ours
// (fills.new), a pair's state changes (pairs.update), a stricter trading state that the trader
// did not ask for (a breaker or guard), reconciliation findings waiting for a decision, and a
// close or rebalance that failed after its command had been answered.
// Each kind passes only when its switch in settings.notifications is on; every notice that
// passes is emitted once as `notices.new` and kept (the last NOTICES_RECENT_MAX) for a window
// that opens later. The words come from notice-text.ts.
import type { EventHub } from '../../api/events';
import { NOTICES_RECENT_MAX, type Notice } from '../../api/channels/notices';
import type { NotificationSettings } from '../../config/notifications';
import type { PairState } from '../../domain/enums';
import type { TradingStateControl } from '../trading-state-control';
import type { CommandFailure } from '../trading/exit-wiring';
import { breakerNoticeDraft, commandFailedNoticeDraft, decisionNoticeDraft, fillNoticeDraft, pairNoticeDraft, type NoticeDraft } from './notice-text';

export interface NoticeSourceOptions {
  readonly events: EventHub;
  readonly settings: () => NotificationSettings;
  readonly tradingState: Pick<TradingStateControl, 'onChange'>;
  readonly now: () => number;
}

export interface NoticeSource {
  recent(): readonly Notice[];
  decisionsWaiting(): number;
  /** A close or rebalance failed after its command was accepted (host/trading/exit-wiring.ts). */
  commandFailed(failure: CommandFailure): void;
  stop(): void;
}

export function startNoticeSource(o: NoticeSourceOptions): NoticeSource {
  const recent: Notice[] = [];
  const pairStates = new Map<number, PairState>();
  let nextId = 0;
  let waiting = 0;

  const raise = (draft: NoticeDraft | null): void => {
    if (draft === null || !o.settings()[draft.kind]) return;
    const notice: Notice = { id: nextId++, ...draft, atMs: o.now() };
    recent.push(notice);
    if (recent.length > NOTICES_RECENT_MAX) recent.shift();
    o.events.emit('notices.new', notice);
  };

  // The findings waiting for the trader, from every reconcile.changed (a run's end, a decision).
  const decisionsChanged = (count: number): void => {
    if (count === waiting) return;
    const previous = waiting;
    waiting = count;
    o.events.emit('notices.status', { decisionsWaiting: count });
    raise(decisionNoticeDraft(previous, count));
  };

  const offs = [
    o.events.subscribe('fills.new', (fill) => raise(fillNoticeDraft(fill))),
    o.events.subscribe('pairs.update', (row) => {
      const previous = pairStates.get(row.pairSeq);
      pairStates.set(row.pairSeq, row.state);
      raise(pairNoticeDraft(previous, row));
    }),
    o.tradingState.onChange((next, source) => raise(breakerNoticeDraft(next, source))),
    o.events.subscribe('reconcile.changed', (status) => decisionsChanged(status.pending.length)),
  ];

  return {
    recent: () => recent.slice(),
    decisionsWaiting: () => waiting,
    commandFailed: (failure) => raise(commandFailedNoticeDraft(failure)),
    stop() {
      for (const off of offs) off();
    },
  };
}
