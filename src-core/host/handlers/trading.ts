// trading.* channel: the trading state (ACTIVE / REDUCING / HALTED) and the trader's command.
import type { tradingChannels } from '../../api/channels/trading';
import type { TradingStateControl } from '../trading-state-control';
import type { ChannelHandlers } from './types';

export function tradingHandlers(tradingState: TradingStateControl, now: () => number): ChannelHandlers<typeof tradingChannels> {
  return {
    queries: {
      'trading.state.get': () => tradingState.current(),
    },
    commands: {
      // The trader may move either way; the rule records every command of theirs. An unchanged
      // state answers the current record.
      'trading.state.set': ({ state, reason }) => tradingState.request({ state, reason, source: 'trader', atMs: now() }) ?? tradingState.current(),
    },
  };
}
