// Handlers of the reconciliation channels (api/channels/reconcile.ts). Both need the trading
// core's reconcile loop and answer UNAVAILABLE while it is not running.
import type { Handlers } from '../../api/dispatcher';
import { ApiFailure } from '../../api/envelope';
import type { ReconcileLoop } from '../trading/reconcile-loop';
import { TRADING_NOT_RUNNING } from './pairs';

export interface ReconcileHandlerDeps {
  readonly loop: Pick<ReconcileLoop, 'status' | 'run'> | null;
}

type ReconcileQueries = Pick<Handlers['queries'], 'reconcile.pending'>;
type ReconcileCommands = Pick<Handlers['commands'], 'reconcile.run'>;

export function reconcileHandlers(deps: ReconcileHandlerDeps): { readonly queries: ReconcileQueries; readonly commands: ReconcileCommands } {
  const loop = () => {
    if (deps.loop === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
    return deps.loop;
  };
  return {
    queries: { 'reconcile.pending': () => loop().status() },
    commands: { 'reconcile.run': () => loop().run('command') },
  };
}
