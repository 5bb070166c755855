// The migration list. Append only: a released migration is never edited or reordered.
import { m0001Meta } from './0001_meta';
import { m0002Fills } from './0002_fills';
import { m0003FundingHistory } from './0003_funding_history';
import { m0004Ledger } from './0004_ledger';
import { m0005PredictedFunding } from './0005_predicted_funding';
import { m0006PairCloseFailed } from './0006_pair_close_failed';
import type { Migration } from './runner';

export const MIGRATIONS: readonly Migration[] = [m0001Meta, m0002Fills, m0003FundingHistory, m0004Ledger, m0005PredictedFunding, m0006PairCloseFailed];
