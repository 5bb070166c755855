// Exit-rule settings (settings v4; v5 added rebalanceMinDeltaUsd): the thresholds of every exit rule in strategy/exits/, in their
// priority order. Defaults are the upstream bot's shipped YAML (reference-upstream §3.3, §8) with
// the units fixed; where upstream's value was a unit bug or never ran, the comment says what
// upstream did and why this default differs. Fractions are decimals (0.03 = 3 %), APYs are
// decimals (0.8 = 80 %), rates are signed hourly decimals.
import { z } from 'zod';

const apy = (min: number, max: number) => z.number().min(min).max(max);

export const exitSettingsSchema = z
  .object({
    // ---- emergencies (taker close) ----
    liquidationDistanceEnabled: z.boolean().describe('close both legs when either leg is this close to its venue liquidation price'),
    liquidationMinDistanceFraction: z.number().gt(0).max(1).describe('distance from mark to the liquidation price, as a fraction of the mark, below which the pair is closed'),
    deltaBoundEnabled: z.boolean(),
    deltaBoundMaxFraction: z.number().gt(0).max(1).describe('net base quantity of the two legs as a fraction of the larger leg above which the pair is closed'),
    rebalanceMinDeltaFraction: z.number().gt(0).max(1).describe('net base quantity above which a rebalance is advised (below deltaBoundMaxFraction)'),
    rebalanceMinDeltaUsd: z.number().min(0).max(1_000_000).describe('net base quantity at the mark below which no rebalance is traded, however large its fraction (settings v5)'),
    catastrophicFlipApy: apy(-100, 0).describe('net APY now below which the pair is closed at once (-2 = -200 %)'),
    // ---- early exits (before the minimum hold) ----
    earlyTakeProfitEnabled: z.boolean(),
    earlyTakeProfitNetUsd: z.number().min(0).max(1_000_000).describe('price profit beyond costs and buffers that takes profit early'),
    earlyTakeProfitSlippageMultiple: z.number().min(0).max(100).describe('exit cost multiple reserved for slippage on an early take-profit'),
    earlyTakeProfitMinSlippageUsd: z.number().min(0).max(1_000_000).describe('floor of the slippage reserve'),
    earlyTakeProfitBufferBps: z.number().min(0).max(1_000).describe("execution buffer on one leg's notional for a fast taker close"),
    earlyEdgeExitEnabled: z.boolean(),
    earlyEdgeMinAgeHours: z.number().min(0).max(24 * 365).describe('age from which a funding flip may close the pair before the minimum hold'),
    // ---- hold window ----
    minHoldHours: z.number().min(0).max(24 * 365).describe('economic exits wait this long after entry (emergencies and early exits do not)'),
    maxHoldHours: z.number().gt(0).max(24 * 365).describe('the pair is closed at this age'),
    // ---- funding flip (Schmitt trigger on the net spread) ----
    flipEnterApy: apy(-100, 100).describe('net APY below which the spread counts as flipped'),
    flipReleaseApy: apy(-100, 100).describe('net APY above which a flipped spread counts as recovered; not below flipEnterApy'),
    flipHorizonHours: z.number().min(0).max(24 * 365).describe('hours of the flipped loss weighed against the exit cost; 0 = exit on the flip itself'),
    // ---- economics ----
    netEvEnabled: z.boolean(),
    netEvHorizonHours: z.number().gt(0).max(24 * 365).describe('hours of carry projected at the current spread'),
    netEvExitCostMultiple: z.number().min(0).max(100).describe('the projection must earn this many exit costs to keep the pair'),
    yieldCostEnabled: z.boolean(),
    yieldCostMaxHours: z.number().gt(0).max(24 * 365).describe('longest time the current carry may need to earn the exit cost'),
    basisConvergenceEnabled: z.boolean(),
    basisConvergenceMaxFraction: z.number().min(0).max(1).describe('cross-venue mid spread (fraction of price) at or below which the basis has converged'),
    basisConvergenceRatio: z.number().min(0).max(1).describe('or: the basis shrank to this share of the entry basis'),
    basisConvergenceMinProfitUsd: z.number().min(0).max(1_000_000).describe('net profit if closed now needed to take a converged basis'),
    // ---- trend of the settled spread ----
    velocityEnabled: z.boolean(),
    velocityLookbackHours: z.number().int().min(3).max(168).describe('hours of settled spread the slope is fitted over (all must be present)'),
    velocityThresholdApyPerHour: z.number().min(-100).max(0).describe('least-squares slope of the net APY at or below which the pair is closed'),
    accelerationThresholdApyPerHour: z.number().min(-100).max(0).describe('slope minus the previous window slope at or below which a falling spread is closed'),
    zScoreEnabled: z.boolean(),
    zScoreExitSigma: z.number().min(-100).max(0).describe('current spread this many population standard deviations from its mean closes the pair'),
    zScoreMinAgeHours: z.number().min(0).max(24 * 365),
    zScoreLookbackHours: z.number().int().min(2).max(24 * 90).describe('hours of settled spread behind the mean and deviation'),
    zScoreMinSampleCount: z.number().int().min(2).max(24 * 90).describe('settled hours needed inside the lookback'),
    atrTrailingEnabled: z.boolean(),
    atrPeriodHours: z.number().int().min(2).max(24 * 30).describe('Wilder period of the average true range of the hourly spread'),
    atrMultiple: z.number().gt(0).max(100).describe('ATRs below the high-water mark of the spread that stop the pair out'),
    atrMinActivationUsd: z.number().min(0).max(1_000_000).describe('funding received before the trailing stop is armed'),
    // ---- take profit and rotation ----
    profitTargetUsd: z.number().min(0).max(1_000_000).describe('net profit if closed now that closes the pair'),
    profitTargetSkipWhenEdgeGood: z.boolean().describe('keep a profitable pair while the net-EV rule says its carry is worth holding'),
    opportunityCostApy: apy(0, 100).describe('a better pair by this much net APY is worth switching to'),
    opportunityCostSkipWhenEdgeGood: z.boolean(),
  })
  .strict();

export type ExitSettings = z.infer<typeof exitSettingsSchema>;

export const exitDefaults: ExitSettings = {
  // Upstream shipped this off with a unit bug (YAML 15.0 read as a fraction against code's 0.10,
  // §3.3 E1). 0.10 as a fraction: at 7x a leg holding only its margin sits ~14 % from
  // liquidation, and the risk section keeps minFreeMarginUsd (50) free on each venue on top,
  // which puts a default pair ~25 % away; 10 % means the leg has lost more than half its cushion
  // on a move its hedge venue's profit cannot cover (margin does not cross venues).
  liquidationDistanceEnabled: true,
  liquidationMinDistanceFraction: 0.1,
  deltaBoundEnabled: true,
  // Upstream's 3 % was of BOTH notionals at two marks, i.e. ~6 % of a leg with the basis counted
  // as delta (§13 B27). Here 3 % of one leg, in base quantity (price-free).
  deltaBoundMaxFraction: 0.03,
  rebalanceMinDeltaFraction: 0.01,
  // YAML rebalance_min_notional_usd $2.00 (reference-upstream §8): a smaller excess is not worth
  // a taker trade. Measured on the base quantity at one mark, never on two legs' notionals.
  rebalanceMinDeltaUsd: 2,
  // Hard-coded -200 % upstream (§3.3 E3): the spread now costs 2 % of notional a day.
  catastrophicFlipApy: -2,
  // YAML: enabled, $4.00, 2.5x, $0.50 floor; the execution buffer (taker-direct) was 0.15 % of
  // leg 1 plus 0.5 % of leg 2, i.e. 65 bps of one leg's notional (both legs are the same size).
  earlyTakeProfitEnabled: true,
  earlyTakeProfitNetUsd: 4,
  earlyTakeProfitSlippageMultiple: 2.5,
  earlyTakeProfitMinSlippageUsd: 0.5,
  earlyTakeProfitBufferBps: 65,
  // YAML: enabled from 7200 s.
  earlyEdgeExitEnabled: true,
  earlyEdgeMinAgeHours: 2,
  // YAML 172 800 s: the screener's expected value is over holdHours 48, so entry costs are
  // assumed recovered over 48 h; exiting earlier on economics breaks that assumption.
  minHoldHours: 48,
  maxHoldHours: 240,
  // Upstream flips at -5 % net APY (§3.3 P1). The release at 0 APY is the hysteresis: a flipped
  // spread stays flipped until we earn again, so a spread wobbling around -5 % does not flap.
  flipEnterApy: -0.05,
  flipReleaseApy: 0,
  // YAML 0 silently became 8 h upstream (§13 B22); 8 h is what upstream traded with. Here 0 means
  // what it says (exit on the flip), and 8 h is the default: at -5 % APY a $350 pair loses
  // $0.002/h, far below a ~$0.22 exit cost, so an instant exit would pay ~110 h of the loss.
  flipHorizonHours: 8,
  // YAML: enabled, 12 h, 1.4x. Worked example upstream: $350 and a $0.22 exit cost keep a pair
  // only above ~64 % net APY once the minimum hold has passed (the capital is treated as rotatable).
  netEvEnabled: true,
  netEvHorizonHours: 12,
  netEvExitCostMultiple: 1.4,
  // Disabled upstream; kept off.
  yieldCostEnabled: false,
  yieldCostMaxHours: 24,
  // YAML: enabled, 0.05 %, 0.20, $0.50.
  basisConvergenceEnabled: true,
  basisConvergenceMaxFraction: 0.0005,
  basisConvergenceRatio: 0.2,
  basisConvergenceMinProfitUsd: 0.5,
  // Upstream's -0.0015 and -0.0008 "per hour" were applied to APY values (§13 B20): a 0.15 pp/h
  // wobble closed pairs; read as hourly rates they could never fire. Neither is usable. Here the
  // slope is of the net APY per hour over 6 settled hours: -0.05 is a fitted fall of 25 pp over
  // the 5 hour-steps of the window, two thirds of the 35 % entry floor, so the trend reaches zero
  // within a few hours. The acceleration keeps upstream's ratio (0.8 / 1.5 of the velocity).
  velocityEnabled: true,
  velocityLookbackHours: 6,
  velocityThresholdApyPerHour: -0.05,
  accelerationThresholdApyPerHour: -0.03,
  // YAML: enabled, -2, after 168 h over 168 h of history (the 24 h lookback key was dead). 24
  // samples, not upstream's 6: a deviation from 6 points is too noisy for a 2-sigma test.
  zScoreEnabled: true,
  zScoreExitSigma: -2,
  zScoreMinAgeHours: 168,
  zScoreLookbackHours: 168,
  zScoreMinSampleCount: 24,
  // Upstream's code default was on (14, 2.0, $3.00) but the stop was never built; its YAML turned
  // it off for that reason only (§13: "NOT IMPLEMENTED - Phantom feature").
  atrTrailingEnabled: true,
  atrPeriodHours: 14,
  atrMultiple: 2,
  atrMinActivationUsd: 3,
  // YAML min_profit_exit_usd $3.00, skipped while net EV says hold (YAML true).
  profitTargetUsd: 3,
  profitTargetSkipWhenEdgeGood: true,
  // YAML 0.80; skip-when-edge-good false in YAML.
  opportunityCostApy: 0.8,
  opportunityCostSkipWhenEdgeGood: false,
};
