// main/quit-policy.ts: a quit asks exactly when a pair is open or an order in flight, says what
// is open, defaults to Cancel, and reads any unknown answer as Cancel.
import { describe, expect, it } from 'vitest';
import { QUIT_BUTTONS, quitChoice, quitPrompt } from '../../../main/quit-policy';

describe('the quit policy', () => {
  it('quits at once with nothing open', () => {
    expect(quitPrompt({ openPairs: 0, ordersInFlight: 0 })).toBeNull();
  });

  it('asks when a pair is open, or an order is in flight, or both', () => {
    expect(quitPrompt({ openPairs: 1, ordersInFlight: 0 })?.message).toBe('1 pair is open.');
    expect(quitPrompt({ openPairs: 0, ordersInFlight: 1 })?.message).toBe('1 order is in flight.');
    expect(quitPrompt({ openPairs: 3, ordersInFlight: 2 })?.message).toBe('3 pairs are open and 2 orders are in flight.');
  });

  it('offers flatten, leave open and cancel, with Cancel the default and the escape answer', () => {
    const p = quitPrompt({ openPairs: 2, ordersInFlight: 0 })!;
    expect(p.buttons).toEqual(['Flatten all, then quit', 'Leave open and quit', 'Cancel']);
    expect(p.buttons[p.defaultId]).toBe('Cancel');
    expect(p.cancelId).toBe(p.defaultId);
    expect(p.detail).toContain('dead-man switches stay armed');
  });

  it('maps the answer through the button order; out of range is Cancel', () => {
    expect(QUIT_BUTTONS.map((_, i) => quitChoice(i))).toEqual(['flatten', 'leave', 'cancel']);
    expect(quitChoice(-1)).toBe('cancel');
    expect(quitChoice(3)).toBe('cancel');
    expect(quitChoice(Number.NaN)).toBe('cancel');
  });
});
