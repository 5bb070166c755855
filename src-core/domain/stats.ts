// Stability of a funding spread from its history.
export interface SpreadStability {
  readonly samples: number;
  readonly meanHourly: number;
  readonly stdHourly: number;
  /** (current − mean) / std; 0 when the history is flat or too short. */
  readonly zScore: number;
  /** Consecutive most-recent hours the spread stayed at or above the threshold. */
  readonly openHours: number;
}

export function spreadStability(historyHourly: readonly number[], currentHourly: number, thresholdHourly: number): SpreadStability {
  const n = historyHourly.length;
  if (n === 0) return { samples: 0, meanHourly: 0, stdHourly: 0, zScore: 0, openHours: 0 };
  let sum = 0;
  for (const v of historyHourly) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of historyHourly) sq += (v - mean) ** 2;
  const std = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  let open = 0;
  for (let i = n - 1; i >= 0 && historyHourly[i]! >= thresholdHourly; i--) open += 1;
  return { samples: n, meanHourly: mean, stdHourly: std, zScore: std > 0 ? (currentHourly - mean) / std : 0, openHours: open };
}
