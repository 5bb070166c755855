import { describe, expect, it } from 'vitest';
import { trayBadge, trayIconName, trayMenuModel, trayTooltip } from '../../../main/tray/menu-model';

const byId = (items: ReturnType<typeof trayMenuModel>, id: string) => items.find((i) => i.id === id)!;

describe('tray menu model', () => {
  it('offers pause and halt while ACTIVE, not resume', () => {
    const m = trayMenuModel({ state: 'ACTIVE', openPairs: 0 });
    expect(byId(m, 'pause').enabled).toBe(true);
    expect(byId(m, 'pause').action).toEqual({ kind: 'set-state', state: 'REDUCING', reason: expect.any(String) });
    expect(byId(m, 'halt').enabled).toBe(true);
    expect(byId(m, 'resume').enabled).toBe(false);
  });

  it('offers resume while REDUCING or HALTED', () => {
    for (const state of ['REDUCING', 'HALTED'] as const) {
      const m = trayMenuModel({ state, openPairs: 0 });
      expect(byId(m, 'resume').enabled).toBe(true);
      expect(byId(m, 'resume').action).toMatchObject({ kind: 'set-state', state: 'ACTIVE' });
      expect(byId(m, 'pause').enabled).toBe(false);
    }
    expect(byId(trayMenuModel({ state: 'HALTED', openPairs: 0 }), 'halt').enabled).toBe(false);
  });

  it('asks before quitting with open pairs', () => {
    expect(byId(trayMenuModel({ state: 'ACTIVE', openPairs: 0 }), 'quit').action).toEqual({ kind: 'quit' });
    const q = byId(trayMenuModel({ state: 'ACTIVE', openPairs: 2 }), 'quit');
    expect(q.action).toEqual({ kind: 'confirm-quit', openPairs: 2 });
    expect(q.label).toContain('2 open pairs');
  });

  it('shows the state and picks an icon per state', () => {
    expect(byId(trayMenuModel({ state: 'HALTED', openPairs: 0 }), 'status').label).toBe('Trading: HALTED');
    expect(new Set(['ACTIVE', 'REDUCING', 'HALTED'].map((s) => trayIconName(s as never))).size).toBe(3);
  });

  it('shows the decisions waiting: a menu item that opens the window, the tooltip and the badge', () => {
    expect(trayMenuModel({ state: 'ACTIVE', openPairs: 0, decisionsWaiting: 0 }).some((i) => i.id === 'decisions')).toBe(false);
    const item = byId(trayMenuModel({ state: 'REDUCING', openPairs: 1, decisionsWaiting: 2 }), 'decisions');
    expect(item).toEqual({ id: 'decisions', label: '2 decisions waiting…', enabled: true, action: { kind: 'open-window' } });
    expect(byId(trayMenuModel({ state: 'REDUCING', openPairs: 1, decisionsWaiting: 1 }), 'decisions').label).toBe('1 decision waiting…');
    expect(trayTooltip('REDUCING', 1, 3)).toBe('Fundingbot — REDUCING, 1 open pair, 3 decisions waiting');
    expect(trayTooltip('ACTIVE', 2)).toBe('Fundingbot — ACTIVE, 2 open pairs');
    expect([trayBadge(0), trayBadge(1), trayBadge(150)]).toEqual(['', '1', '99']);
  });
});
