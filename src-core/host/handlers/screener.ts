// screener.* channel: the table at the current pair notional, and one symbol's explanation with
// its funding history over the screener's window.
import type { screenerChannels } from '../../api/channels/screener';
import { ApiFailure } from '../../api/envelope';
import type { Settings } from '../../config/schema';
import { explainSymbol } from '../projections/screener-explain';
import { costBreakdown } from '../projections/screener-costs';
import { screenerParams } from '../../config/screener-params';
import type { VenueRuntime } from '../runtime';
import { requireRuntime, type ChannelHandlers } from './types';

const DAY_MS = 86_400_000;

export interface ScreenerDeps {
  readonly runtime: () => Pick<VenueRuntime, 'rows' | 'report' | 'history' | 'market'> | null;
  readonly settings: () => Settings;
  readonly now: () => number;
}

export function screenerHandlers(d: ScreenerDeps): ChannelHandlers<typeof screenerChannels> {
  return {
    queries: {
      'screener.list': () => ({ rows: requireRuntime(d.runtime).rows(), notionalUsd: d.settings().trading.notionalPerPairUsd, computedAtMs: d.now() }),
      'screener.explain': ({ symbol }) => {
        const rt = requireRuntime(d.runtime);
        const report = rt.report(symbol);
        if (report === undefined) throw new ApiFailure('NOT_FOUND', `no screener report for ${symbol}`);
        const view = rt.market.view(symbol);
        const costs = view === undefined ? null : costBreakdown(report.best, view, screenerParams(d.settings()));
        return explainSymbol(report, rt.history, d.now() - d.settings().screener.historyDays * DAY_MS, costs);
      },
    },
    commands: {},
  };
}
