// Reconciliation settings: the defaults validate, destructive fixes are off by default, bad input
// is refused by name and changes nothing.
import { describe, expect, it } from 'vitest';
import { reconcileDefaults, reconcileSettingsSchema } from '../../../src-core/config/reconcile';

describe('reconcile settings', () => {
  it('the defaults validate and every destructive opt-in is off', () => {
    expect(reconcileSettingsSchema.parse(reconcileDefaults)).toEqual(reconcileDefaults);
    const optIns = Object.entries(reconcileDefaults).filter(([k]) => k.startsWith('auto'));
    expect(optIns.length).toBe(5);
    for (const [, v] of optIns) expect(v).toBe(false);
  });

  it.each([
    ['sizeMismatchMinSteps', 0],
    ['sizeMismatchMinSteps', 1.5],
    ['sizeMismatchToleranceUsd', -0.01],
    ['autoCloseNakedLegs', 'yes'],
    ['protectedSymbols', ['BTC\u202e']],
    ['protectedSymbols', ['']],
  ])('refuses %s = %j', (key, value) => {
    const r = reconcileSettingsSchema.safeParse({ ...reconcileDefaults, [key]: value });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path[0]).toBe(key);
  });

  it('is strict: an unknown key (including __proto__) is refused', () => {
    expect(reconcileSettingsSchema.safeParse({ ...reconcileDefaults, autoCloseEverything: true }).success).toBe(false);
    expect(reconcileSettingsSchema.safeParse(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(reconcileDefaults).slice(1)}`)).success).toBe(false);
  });
});
