// `backfill`: the funding history backfill of every common symbol (or the ones named) with a
// progress line per series, on its own venue session (no screener or trading loops). The store
// resumes from its newest settlement per series, so a second run fetches only what is new.
import type { Mode } from '../../domain/venue';
import { FundingHistoryStore } from '../../market/funding-history';
import { MarketDataService } from '../../market/service';
import { openStore } from '../../store/db';
import { SettingsRepo } from '../../store/settings-repo';
import type { Logger } from '../../telemetry/log';
import type { Out } from './output';
import { openVenueSession } from './venue-session';

export class BackfillSymbolError extends Error {
  override readonly name = 'BackfillSymbolError';
}

export interface BackfillOptions {
  readonly dataDir: string;
  readonly mode: Mode;
  readonly log: Logger;
  /** null: every symbol listed on both venues (MarketDataService's list, the screener's). */
  readonly symbols: readonly string[] | null;
  readonly nativeBinding?: string;
  readonly now?: () => number;
}

export async function runBackfill(o: BackfillOptions, out: Out): Promise<number> {
  const now = o.now ?? Date.now;
  const db = openStore({ dataDir: o.dataDir, mode: o.mode, ...(o.nativeBinding === undefined ? {} : { nativeBinding: o.nativeBinding }) });
  try {
    const settings = new SettingsRepo(db).load();
    const session = await openVenueSession(o.mode, settings, o.log);
    const market = new MarketDataService(session.ports, { log: o.log });
    try {
      await Promise.all([session.ports.lighter.start(), session.ports.extended.start()]);
      await market.start();
      const common = market.symbols();
      market.stop();
      const symbols = o.symbols ?? common;
      const unknown = symbols.filter((s) => !common.includes(s));
      if (unknown.length > 0) throw new BackfillSymbolError(`not listed on both venues: ${unknown.join(', ')}`);
      const days = settings.screener.historyDays;
      out(`Backfilling ${days} days of funding history for ${symbols.length} symbols on both venues (${o.mode} mode)`);
      // The store walks symbols in the given order, Lighter then Extended for each (funding-history.ts).
      const p = await new FundingHistoryStore(db).backfill(session.ports, symbols, days, now(), (step) => {
        const symbol = symbols[Math.floor((step.done - 1) / 2)];
        out(`  [${step.done}/${step.total}] ${symbol} ${step.done % 2 === 1 ? 'lighter' : 'extended'}: ${step.rowsWritten} new rows so far`);
      });
      out(`Done: ${p.done} series, ${p.rowsWritten} new settlements stored`);
      return 0;
    } finally {
      market.stop();
      await session.close();
    }
  } finally {
    db.close();
  }
}
