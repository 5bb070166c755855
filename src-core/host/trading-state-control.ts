// The one place a trading-state change is applied: the rule (risk/trading-state.ts) decides,
// then the record is persisted (TradingStateRepo, with its log row), logged and announced on
// 'trading.state.changed'. The trader's command and every automatic guard go through here.
import type { EventHub } from '../api/events';
import { decideTransition, type TradingStateRecord, type TransitionRequest } from '../risk/trading-state';
import type { TradingStateRepo } from '../store/trading-state-repo';
import type { Logger } from '../telemetry/log';

export interface TradingStateControl {
  current(): TradingStateRecord;
  /** Applies the request if the rule allows it; returns the new record, or null when unchanged. */
  request(req: TransitionRequest): TradingStateRecord | null;
  /** Called after each applied change with who asked for it (the notices tell a breaker's trip
   *  from the trader's own command); returns the unsubscribe. */
  onChange(cb: (next: TradingStateRecord, source: TransitionRequest['source']) => void): () => void;
}

export function createTradingStateControl(repo: TradingStateRepo, initial: TradingStateRecord, events: EventHub, log: Logger): TradingStateControl {
  let state = initial;
  const listeners = new Set<(next: TradingStateRecord, source: TransitionRequest['source']) => void>();
  return {
    current: () => state,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    request(req) {
      const d = decideTransition(state, req);
      if (d.kind === 'unchanged') {
        log.debug('trading state unchanged', { requested: req.state, source: req.source, why: d.why });
        return null;
      }
      repo.save(d.next);
      state = d.next;
      log.info('trading state changed', { state: state.state, reason: state.reason, source: req.source });
      events.emit('trading.state.changed', state);
      for (const cb of listeners) {
        try {
          cb(state, req.source);
        } catch (e) {
          // A listener's failure must not undo or hide a state change already applied.
          log.error('trading state listener failed', { error: e instanceof Error ? e.message : String(e) });
        }
      }
      return state;
    },
  };
}
