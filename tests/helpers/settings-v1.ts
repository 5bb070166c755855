// Settings as v1 wrote them, frozen here so upgrade tests keep testing the real old shape after
// the schema moves on.
/** The v1 defaults exactly as v1 shipped them (no settingsVersion, duplicated trading values). */
export function v1Defaults() {
  return {
    app: { mode: 'sim', heartbeatIntervalMs: 1_000 },
    venues: { lighter: { restUrl: null, wsUrl: null, accountTier: 'premium' }, extended: { restUrl: null, wsUrl: null } },
    trading: { notionalPerPairUsd: 350, maxOpenPairs: 4, leverage: 3, makerTimeoutMs: 30_000, maxSlippageBps: 30 },
    screener: {
      notionalUsd: 350, minApy: 0.35, minExpectedValueUsd: 0.8, holdHours: 48, maxBreakevenHours: 24, minEvToSpreadRatio: 3.5,
      maxSpreadFraction: 0.0016, maxSpreadCapFraction: 0.003, maxSlippageBps: 15, minL1NotionalUsd: 500, minL1NotionalMultiple: 1.2,
      staleBookMs: 60_000, cooldownMinutes: 60, maxOpenPairs: 1, minFreeMarginFraction: 0.05, leverageMultiple: 7, makerVenue: 'lighter',
      exitMakerProbabilityRatio: 0.8, excludeTradfi: true, blacklist: [] as string[], historyDays: 30,
    },
  };
}
