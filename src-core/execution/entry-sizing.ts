// An entry's plan and size from the books and balances now, before any order: which venue makes
// and which hedges, each leg's touch price, the leverage both venues will be set to and one exact
// base size for both legs (sizing.ts). The executor's preflight runs it before setting leverage;
// a preview runs it alone (nothing is sent).
import type { Clock } from '../domain/clock';
import { fromIncrements } from '../domain/decimal';
import type { VenueId } from '../domain/venue';
import type { MarketMeta } from '../venues/port';
import { makerTouch, takerTouch, touchTicks } from './book-touch';
import { planEntry, type EntryPlan } from './entry-plan';
import type { EntryRequest, EntrySettings, ExecutionVenue } from './entry-types';
import { withDeadline } from './entry-wait';
import { sizePair } from './sizing';

export type SizedEntry =
  | {
      readonly ok: true;
      readonly plan: EntryPlan;
      readonly makerMeta: MarketMeta;
      readonly hedgeMeta: MarketMeta;
      readonly size: string;
      readonly leverage: number;
      /** Touch prices (ticks) the sizing used: the maker at our side, the hedge at the side it takes. */
      readonly makerPxTicks: bigint;
      readonly hedgePxTicks: bigint;
    }
  | { readonly ok: false; readonly reason: string };

export async function sizeEntry(venues: Readonly<Record<VenueId, ExecutionVenue>>, clock: Clock, req: EntryRequest, s: EntrySettings, deadlineMono: number): Promise<SizedEntry> {
    const plan = planEntry(req, s.makerVenue);
    const mv = venues[plan.maker.venue];
    const hv = venues[plan.hedge.venue];
    const makerMeta = mv.market(req.symbol);
    const hedgeMeta = hv.market(req.symbol);
    if (makerMeta === undefined || hedgeMeta === undefined) return { ok: false, reason: `${req.symbol} is not listed on both venues` };
    for (const m of [makerMeta, hedgeMeta]) if (m.status !== 'active') return { ok: false, reason: `${m.venue} ${req.symbol} is ${m.status}` };
    const makerBook = mv.book(req.symbol);
    const hedgeBook = hv.book(req.symbol);
    if (makerBook === undefined || !makerBook.fresh || hedgeBook === undefined || !hedgeBook.fresh) return { ok: false, reason: 'no fresh book on both venues' };
    // Notional and margin at the prices the legs will trade: the maker at our side's touch, the
    // hedge at the touch it takes.
    const makerPx = makerTouch(plan.maker.side, touchTicks(makerBook, makerMeta.tickSize));
    const hedgePx = takerTouch(plan.hedge.side, touchTicks(hedgeBook, hedgeMeta.tickSize));
    if (makerPx === null || hedgePx === null) return { ok: false, reason: 'a book side is empty' };
    const balances = await withDeadline(clock, Promise.all([mv.balance(), hv.balance()]), deadlineMono);
    if (balances.kind !== 'done') return { ok: false, reason: balances.kind === 'timeout' ? 'balances not read before the deadline' : `balances not read: ${String(balances.error)}` };
    const [makerBal, hedgeBal] = balances.value;
    // A venue's own leverage cap binds; both legs then size on the lower of the two.
    const leverage = Math.max(1, Math.floor(Math.min(s.leverageMultiple, makerMeta.maxLeverage, hedgeMeta.maxLeverage)));
    const market = (m: MarketMeta, px: bigint, availableUsd: string) => ({
      venue: m.venue,
      stepSize: m.stepSize,
      minSize: m.minSize,
      minNotionalUsd: m.minNotionalUsd,
      priceUsd: fromIncrements(px, m.tickSize),
      availableUsd,
      openNotionalUsd: req.openNotionalUsd[m.venue],
    });
    const sized = sizePair({
      markets: [market(makerMeta, makerPx, makerBal.availableUsd), market(hedgeMeta, hedgePx, hedgeBal.availableUsd)],
      targetNotionalUsd: req.notionalUsd ?? s.notionalPerPairUsd,
      capacityBase: req.capacityBase,
      leverage,
      minFreeMarginFraction: s.minFreeMarginFraction,
      maxNotionalPerVenueUsd: s.maxNotionalPerVenueUsd,
      maxNotionalPerSymbolUsd: s.maxNotionalPerSymbolUsd,
      openSymbolNotionalUsd: req.openSymbolNotionalUsd,
    });
    if (!sized.ok) return { ok: false, reason: `size: ${sized.maxSize} allowed by ${sized.boundBy.kind}${'venue' in sized.boundBy ? ` on ${sized.boundBy.venue}` : ''} is below the minimum ${sized.minSize}` };
    return { ok: true, plan, makerMeta, hedgeMeta, size: sized.size, leverage, makerPxTicks: makerPx, hedgePxTicks: hedgePx };
}
