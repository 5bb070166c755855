// The kinds of notice the core raises for the trader (host/notices/), one list for the contract,
// the settings switches and the renderer.
export const NOTICE_KINDS = ['fill', 'pairOpened', 'pairClosed', 'rollback', 'brokenHedge', 'breakerTrip', 'reconcileDecision'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type NoticeSeverity = (typeof NOTICE_SEVERITIES)[number];
