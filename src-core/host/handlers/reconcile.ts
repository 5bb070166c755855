// Handlers of the reconciliation channels (api/channels/reconcile.ts). They need the trading
// core's reconcile loop and answer UNAVAILABLE while it is not running. A decision on an id the
// last run did not leave pending is NOT_FOUND; one that cannot be applied (no fix for that kind,
// or the fix failed) is CONFLICT, with why.
import type { Handlers } from '../../api/dispatcher';
import { ApiFailure } from '../../api/envelope';
import { ReconcileDecisionError, type ReconcileLoop } from '../trading/reconcile-loop';
import { TRADING_NOT_RUNNING } from './pairs';

export interface ReconcileHandlerDeps {
  readonly loop: Pick<ReconcileLoop, 'status' | 'run' | 'decide'> | null;
}

type ReconcileQueries = Pick<Handlers['queries'], 'reconcile.pending'>;
type ReconcileCommands = Pick<Handlers['commands'], 'reconcile.run' | 'reconcile.decide'>;

export function reconcileHandlers(deps: ReconcileHandlerDeps): { readonly queries: ReconcileQueries; readonly commands: ReconcileCommands } {
  const loop = () => {
    if (deps.loop === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
    return deps.loop;
  };
  return {
    queries: { 'reconcile.pending': () => loop().status() },
    commands: {
      'reconcile.run': () => loop().run('command'),
      'reconcile.decide': async (input) => {
        try {
          return await loop().decide(input.id, input.decision);
        } catch (err) {
          if (err instanceof ReconcileDecisionError) throw new ApiFailure(err.code === 'unknown-id' ? 'NOT_FOUND' : 'CONFLICT', err.message);
          throw err;
        }
      },
    },
  };
}
