// Turns what the core already announces into notices for the trader: fills of ours
// (fills.new), a pair's state changes (pairs.update), a stricter trading state that the trader
// did not ask for (a breaker or guard), and reconciliation findings waiting for a decision.
// Each kind passes only when its switch in settings.notifications is on; every notice that
// passes is emitted once as `notices.new` and kept (the last NOTICES_RECENT_MAX) for a window
// that opens later. The words come from notice-text.ts.
import type { EventHub } from '../../api/events';
import { NOTICES_RECENT_MAX, type Notice } from '../../api/channels/notices';
import type { NotificationSettings } from '../../config/notifications';
import type { PairState } from '../../domain/enums';
import type { TradingStateControl } from '../trading-state-control';
import { breakerNoticeDraft, decisionNoticeDraft, fillNoticeDraft, pairNoticeDraft, type NoticeDraft } from './notice-text';

/** How often the waiting-decision count is read (a field read of the reconcile loop's status). */
export const DECISION_POLL_MS = 1_000;

export interface NoticeSourceOptions {
  readonly events: EventHub;
  readonly settings: () => NotificationSettings;
  readonly tradingState: Pick<TradingStateControl, 'onChange'>;
  /** Findings waiting for the trader (reconcile.pending's `pending`), or null while no
   *  reconciliation runs. */
  readonly decisionsWaiting: () => number | null;
  readonly now: () => number;
  /** Timer for the decision count (tests pass their own). */
  readonly setInterval?: (cb: () => void, ms: number) => { unref?(): void };
  readonly clearInterval?: (t: unknown) => void;
}

export interface NoticeSource {
  recent(): readonly Notice[];
  decisionsWaiting(): number;
  /** Reads the waiting-decision count now (the timer does it every DECISION_POLL_MS). */
  checkDecisions(): void;
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

  const checkDecisions = (): void => {
    const count = o.decisionsWaiting() ?? 0;
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
  ];
  const set = o.setInterval ?? setInterval;
  const clear = o.clearInterval ?? ((t: unknown) => clearInterval(t as NodeJS.Timeout));
  const timer = set(checkDecisions, DECISION_POLL_MS);
  timer.unref?.();

  return {
    recent: () => recent.slice(),
    decisionsWaiting: () => waiting,
    checkDecisions,
    stop() {
      clear(timer);
      for (const off of offs) off();
    },
  };
}
