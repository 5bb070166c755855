// Lighter-face faults and venue behaviours a test switches on (all off by default). Each one
// reproduces something the venue does or is reported to do (venues.md §7.2, §7.4), so the
// adapter's answer to it can be tested through real sockets.
export interface LighterQuirks {
  /** /fundings answers with the latest `count_back` rows and ignores start/end (the upstream
   *  bot's report, venues.md §7.2). */
  fundingsIgnoreWindow: boolean;
  /** The first diff after each of the next N order_book subscribes carries a begin_nonce that
   *  does not chain to the snapshot (the upstream bot's production report, §7.2): it begins
   *  before the snapshot's nonce (the diff overlaps the snapshot), its levels are exact. */
  nonChainingFirstDiff: number;
  /** The next N sendTx are applied but answered 200 with a body that is not an acknowledgement. */
  unexpectedSendTxReply: number;
  /** The next N account_orders subscriptions (and those already open) get a 20013 error frame. */
  expireAuthOnce: number;
}

export function freshQuirks(): LighterQuirks {
  return { fundingsIgnoreWindow: false, nonChainingFirstDiff: 0, unexpectedSendTxReply: 0, expireAuthOnce: 0 };
}

/** What the face counts for tests that must prove something was not done (e.g. not re-sent). */
export interface LighterCounters {
  sendTx: number;
  /** Codes of refused sendTx calls, in order. */
  refusals: number[];
}
