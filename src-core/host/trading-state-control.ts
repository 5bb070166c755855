// The one place a trading-state change is applied: the rule (risk/trading-state.ts) decides,
// then the record is persisted (TradingStateRepo, with its log row), logged and announced on
// 'trading.state.changed'. The trader's command and every automatic guard go through here.
import type { EventHub } from '../api/events';
import { REASON_MAX_LENGTH } from '../risk/breaker-board';
import { decideTransition, type TradingStateRecord, type TransitionRequest } from '../risk/trading-state';
import type { TradingStateRepo } from '../store/trading-state-repo';
import type { Logger } from '../telemetry/log';

/** A temporary automatic tightening (host/power-resume.ts: entries held while the core
 *  reconciles after the OS slept). */
export interface TradingHold {
  readonly record: TradingStateRecord;
  readonly previous: TradingStateRecord;
  /** Puts the previous state back, only while the hold is still the current record: if the
   *  trader or any guard changed the state meanwhile, that change stands and this returns null.
   *  This is not an automatic loosening past the trader: it undoes this hold's own tightening
   *  and lands exactly on the state the trader had set. */
  release(reason: string, atMs: number): TradingStateRecord | null;
}

export interface TradingStateControl {
  current(): TradingStateRecord;
  /** Applies the request if the rule allows it; returns the new record, or null when unchanged. */
  request(req: TransitionRequest): TradingStateRecord | null;
  /** request() as an automatic guard that can be released; null when the rule left the state
   *  as it was (already as strict or stricter: nothing to undo later). */
  hold(req: TransitionRequest): TradingHold | null;
  /** hold(), and when the state already is the one asked for, the request's reason recorded on
   *  it (a record of the same state, announced as a change) so the user still sees why; its
   *  release puts the previous reason back. Null only when the state is stricter. */
  holdWithReason(req: TransitionRequest): TradingHold | null;
  /** Called after each applied change with who asked for it (the notices tell a breaker's trip
   *  from the trader's own command); returns the unsubscribe. */
  onChange(cb: (next: TradingStateRecord, source: TransitionRequest['source']) => void): () => void;
}

export function createTradingStateControl(repo: TradingStateRepo, initial: TradingStateRecord, events: EventHub, log: Logger): TradingStateControl {
  let state = initial;
  const listeners = new Set<(next: TradingStateRecord, source: TransitionRequest['source']) => void>();
  const apply = (next: TradingStateRecord, source: TransitionRequest['source'], logSource: string = source): TradingStateRecord => {
    repo.save(next);
    state = next;
    log.info('trading state changed', { state: state.state, reason: state.reason, source: logSource });
    events.emit('trading.state.changed', state);
    for (const cb of listeners) {
      try {
        cb(state, source);
      } catch (e) {
        // A listener's failure must not undo or hide a state change already applied.
        log.error('trading state listener failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return state;
  };
  const request = (req: TransitionRequest): TradingStateRecord | null => {
    const d = decideTransition(state, req);
    if (d.kind === 'unchanged') {
      log.debug('trading state unchanged', { requested: req.state, source: req.source, why: d.why });
      return null;
    }
    return apply(d.next, req.source);
  };
  const holdOf = (record: TradingStateRecord, previous: TradingStateRecord): TradingHold => ({
    record,
    previous,
    release(reason, atMs) {
      if (state !== record) {
        log.info('trading hold not released: the state changed since', { held: record.reason, now: state.state, reason: state.reason });
        return null;
      }
      return apply({ state: previous.state, reason, changedAtMs: atMs }, 'automatic', 'automatic: hold released');
    },
  });
  const hold = (req: TransitionRequest): TradingHold | null => {
    const previous = state;
    const record = request(req);
    return record === null ? null : holdOf(record, previous);
  };
  return {
    current: () => state,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    request,
    hold,
    holdWithReason(req) {
      const tightened = hold(req);
      if (tightened !== null || state.state !== req.state) return tightened;
      const previous = state;
      const record = apply({ state: state.state, reason: req.reason, changedAtMs: req.atMs }, req.source);
      const h = holdOf(record, previous);
      // The state never changed: the release says what ended and why the state stays.
      return { ...h, release: (reason, atMs) => h.release(`${reason}; still ${previous.state}: ${previous.reason}`.slice(0, REASON_MAX_LENGTH), atMs) };
    },
  };
}
