// Rules about where the settled spread is going (reference-upstream §3.3 O1, O2, and the ATR stop
// upstream never built). They read the analytics computed at the last settlement over the SIGNED
// series (§13 B20: upstream's unsigned series took a flip for a gain), and judge only a current
// history: a trend that ended hours ago says nothing about now. While the history is current the
// spread now is known (context.ts falls back to the newest settled hour).
import type { ExitContext } from './context';
import type { ExitRuleResult } from './types';

const STALE = 'settled history is not current';

/** Least-squares slope of the net APY over the last velocityLookbackHours settled hours. */
export function velocityRule(c: ExitContext): ExitRuleResult {
  const slope = c.s.analytics.slopeApyPerHour;
  const falling = slope !== null && slope <= c.e.velocityThresholdApyPerHour;
  const why = !c.e.velocityEnabled ? 'disabled' : !c.analyticsCurrent ? STALE : slope === null ? 'an hour of the window is missing' : falling ? 'the spread is falling fast' : 'the spread is not falling fast';
  return { rule: 'funding-velocity', effect: 'normal', fired: c.e.velocityEnabled && c.analyticsCurrent && falling, observed: slope, threshold: c.e.velocityThresholdApyPerHour, unit: 'apy/hour', why };
}

/** Slope of the last window minus the slope of the window before it, on a falling spread: the
 *  fall is speeding up (upstream compared with a window ending at the series' midpoint, 84 h
 *  back in a week of history; the adjacent window is the acceleration of now). Shares the
 *  velocity rule's switch. */
export function accelerationRule(c: ExitContext): ExitRuleResult {
  const a = c.s.analytics;
  const accel = a.slopeApyPerHour === null || a.previousSlopeApyPerHour === null ? null : a.slopeApyPerHour - a.previousSlopeApyPerHour;
  const speeding = accel !== null && accel <= c.e.accelerationThresholdApyPerHour && a.slopeApyPerHour! < 0;
  const why = !c.e.velocityEnabled ? 'disabled' : !c.analyticsCurrent ? STALE : accel === null ? 'an hour of the two windows is missing' : speeding ? 'the fall of the spread is speeding up' : 'the spread is not falling faster';
  return { rule: 'funding-acceleration', effect: 'normal', fired: c.e.velocityEnabled && c.analyticsCurrent && speeding, observed: accel, threshold: c.e.accelerationThresholdApyPerHour, unit: 'apy/hour', why };
}

/** (spread now − mean) / population deviation over zScoreLookbackHours, for a pair older than
 *  zScoreMinAgeHours with at least zScoreMinSampleCount settled hours. */
export function zScoreRule(c: ExitContext): ExitRuleResult {
  const a = c.s.analytics;
  const e = c.e;
  const current = c.currentNetHourlyRate;
  // A deviation exists only with a mean (spread-analytics sets both or neither).
  const std = a.zStdHourlyRate ?? 0;
  const z = current === null || !(std > 0) ? null : (current - a.zMeanHourlyRate!) / std;
  const oldEnough = c.ageHours >= e.zScoreMinAgeHours;
  const enough = a.zSampleCount >= e.zScoreMinSampleCount;
  const low = z !== null && z <= e.zScoreExitSigma;
  const why = !e.zScoreEnabled
    ? 'disabled'
    : !c.analyticsCurrent
      ? STALE
      : !enough
        ? 'too few settled hours in the lookback'
        : z === null
          ? 'the settled spread did not vary'
          : !oldEnough
            ? 'younger than the z-score age'
            : low
              ? 'the spread is far below its usual level'
              : 'the spread is within its usual range';
  return { rule: 'z-score', effect: 'normal', fired: e.zScoreEnabled && c.analyticsCurrent && enough && oldEnough && low, observed: z, threshold: e.zScoreExitSigma, unit: 'sigma', why };
}

/** The spread now below the ATR stop (high-water mark − atrMultiple × ATR, atr-stop.ts), armed
 *  once the pair has received atrMinActivationUsd of funding. */
export function atrTrailingStopRule(c: ExitContext): ExitRuleResult {
  const e = c.e;
  const stop = c.s.analytics.atr.stopHourlyRate;
  const current = c.currentNetHourlyRate;
  const armed = c.fundingUsd >= e.atrMinActivationUsd;
  const below = stop !== null && current !== null && current < stop;
  const why = !e.atrTrailingEnabled
    ? 'disabled'
    : !c.analyticsCurrent
      ? STALE
      : stop === null
        ? 'too few settled hours for the stop'
        : !armed
          ? 'not armed: funding received below the activation amount'
          : below
            ? 'the spread fell below its trailing stop'
            : 'the spread is above its trailing stop';
  return { rule: 'atr-trailing-stop', effect: 'normal', fired: e.atrTrailingEnabled && c.analyticsCurrent && armed && below, observed: current, threshold: stop, unit: 'hourlyRate', why };
}
