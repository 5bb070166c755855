import type { ChannelHandlers } from './types';
import type { noticesChannels } from '../../api/channels/notices';
import type { NoticeSource } from '../notices/notice-source';

export function noticesHandlers(source: NoticeSource): ChannelHandlers<typeof noticesChannels> {
  return {
    queries: {
      'notices.recent': () => ({ notices: source.recent().slice(), status: { decisionsWaiting: source.decisionsWaiting() } }),
    },
    commands: {},
  };
}
