// Handler of the positions channel (api/channels/positions.ts): the overview comes from the
// trading core's memory (host/trading/positions-overview.ts); without a running core it is the
// typed UNAVAILABLE, never an empty list that would read as "no open pairs".
import { ApiFailure } from '../../api/envelope';
import type { PositionsOverview, positionsChannels } from '../../api/channels/positions';
import { TRADING_NOT_RUNNING } from './pairs';
import type { ChannelHandlers } from './types';

export interface PositionsSource {
  overview(): PositionsOverview;
}

export function positionsHandlers(deps: { readonly source: PositionsSource | null }): ChannelHandlers<typeof positionsChannels> {
  return {
    queries: {
      'positions.overview': () => {
        if (deps.source === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
        return deps.source.overview();
      },
    },
    commands: {},
  };
}
