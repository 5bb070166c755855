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
}

export function createTradingStateControl(repo: TradingStateRepo, initial: TradingStateRecord, events: EventHub, log: Logger): TradingStateControl {
  let state = initial;
  return {
    current: () => state,
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
      return state;
    },
  };
}
