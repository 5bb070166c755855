// The hourly carry the expected value credits over the hold. The live predicted rate is what the
// next settlement will pay; beyond it, a spread that sits above its settled mean is expected to
// fall back toward it (the stored history: an excess over the trailing 24 h mean keeps a median
// 11 %, p90 65 %, after one hour; config/screener.ts). Crediting the predicted rate for all 48 h
// of the hold is what ranked a 5-second-old +837 % spike first.
//
// Hour k of the hold (k = 0 is the current settlement window, paid at the next settlement):
//   r_k = m + (r0 − m) · q^k,   q = 2^(−1 / halfLife)
// with r0 the live predicted net rate and m the settled mean of the window. Over H hours:
//   Σ r_k = H·m + (r0 − m) · (1 − q^H) / (1 − q)
// and the EV uses the average, Σ r_k / H, as its hourly rate (so break-even is the hold-average
// one). Only a fall is credited: with m ≥ r0 the predicted rate is used flat, since an entry is
// never justified by a recovery the venues have not priced. With no settled hour in the window
// only the next settlement is credited (Σ = r0), the cautious reading of an unknown spread.
import type { EvRateSource } from '../domain/enums';

export interface EvRate {
  /** The average net hourly rate the EV credits over the hold. */
  readonly hourlyRate: number;
  readonly source: EvRateSource;
}

export function evHourlyRate(a: { readonly predictedNetHourly: number; readonly settledMeanHourly: number | null; readonly holdHours: number; readonly halfLifeHours: number | null }): EvRate {
  const r0 = a.predictedNetHourly;
  if (a.halfLifeHours === null) return { hourlyRate: r0, source: 'predicted' };
  if (a.settledMeanHourly === null) return { hourlyRate: r0 / a.holdHours, source: 'next-settlement-only' };
  const m = a.settledMeanHourly;
  if (m >= r0) return { hourlyRate: r0, source: 'predicted' };
  const q = 2 ** (-1 / a.halfLifeHours);
  const sum = a.holdHours * m + (r0 - m) * ((1 - q ** a.holdHours) / (1 - q));
  return { hourlyRate: sum / a.holdHours, source: 'decaying' };
}
