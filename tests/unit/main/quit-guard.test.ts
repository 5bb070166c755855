// main/quit-guard.ts over a real core (its SQLite ledger seeded with an opening pair and a
// closed one, venues off) and a stand-in for Electron's app: a quit with a pair open is held
// and asks; Cancel keeps the app running with the core open; Leave open closes the core in order
// (the WAL checkpointed) and only then exits; a quit with nothing open exits without asking; a
// core that does not close in time does not keep the process up.
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installQuitGuard } from '../../../main/quit-guard';
import type { QuitPrompt } from '../../../main/quit-policy';
import { createCore, type Core } from '../../../src-core/host/core';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import { seedLedger } from '../../helpers/ledger-fixture';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function coreWith(seed: boolean): Promise<{ core: Core; dir: string }> {
  const t = tempDir('fundingbot-quit-');
  cleanups.push(t.cleanup);
  if (seed) {
    // The ledger is written the one way the product writes it; the core opens the same file.
    const core0 = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    const ledgerDb = openLedgerDatabase(join(t.dir, 'sim.db'));
    seedLedger(new LedgerRepo(ledgerDb));
    ledgerDb.close();
    await core0.close();
  }
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
  cleanups.push(() => core.close());
  return { core, dir: t.dir };
}

function fakeApp() {
  const app = new EventEmitter() as EventEmitter & { exit: ReturnType<typeof vi.fn> };
  app.exit = vi.fn();
  const quit = () => {
    const e = { preventDefault: vi.fn() };
    app.emit('before-quit', e);
    return e;
  };
  return { app, quit };
}

function asker(answer: number) {
  const asked: QuitPrompt[] = [];
  return { asked, ask: async (p: QuitPrompt) => (asked.push(p), answer) };
}

describe('quit', () => {
  it('asks when a pair is open; Cancel keeps the app and the core running', async () => {
    const { core } = await coreWith(true);
    expect(core.exposure().openPairs).toBe(1);
    const { app, quit } = fakeApp();
    const a = asker(2);
    installQuitGuard({ app: app as never, core: () => core, ask: a.ask, notify: () => undefined, log: silentLogger });
    const e = quit();
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
    await pollUntil(() => a.asked.length, { until: (n) => n === 1, what: 'the quit prompt' });
    expect(a.asked[0]!.message).toMatch(/^1 pair is open/);
    // Still serving: the dispatcher answers and nothing exited.
    await pollUntil(() => core.dispatcher.call('query', 'pairs.list', {}), { until: (r) => r.ok, what: 'the core after Cancel' });
    expect(app.exit).not.toHaveBeenCalled();
    expect(core.tradingState().state).toBe('ACTIVE');
  });

  it('Leave open closes the core in order, then exits', async () => {
    const { core, dir } = await coreWith(true);
    const { app, quit } = fakeApp();
    const a = asker(1);
    installQuitGuard({ app: app as never, core: () => core, ask: a.ask, notify: () => undefined, log: silentLogger });
    quit();
    await pollUntil(() => app.exit.mock.calls.length, { until: (n) => n === 1, what: 'app.exit' });
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(a.asked).toHaveLength(1);
    expect(core.db.open).toBe(false);
    // The WAL was folded into the database at close: nothing is left in a -wal file.
    const wal = join(dir, 'sim.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('exits without asking when nothing is open, and holds a second quit while closing', async () => {
    const { core } = await coreWith(false);
    const { app, quit } = fakeApp();
    const a = asker(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = { ...core, exposure: () => core.exposure(), trading: () => null, close: async () => { await gate; await core.close(); } } as unknown as Core;
    installQuitGuard({ app: app as never, core: () => slow, ask: a.ask, notify: () => undefined, log: silentLogger });
    quit();
    const second = quit();
    expect(second.preventDefault).toHaveBeenCalled();
    release();
    await pollUntil(() => app.exit.mock.calls.length, { until: (n) => n === 1, what: 'app.exit' });
    expect(a.asked).toHaveLength(0);
    expect(app.exit).toHaveBeenCalledTimes(1);
  });

  it('a core that does not answer (its worker down) does not keep the process up, and says so', async () => {
    const { app, quit } = fakeApp();
    const notes: string[] = [];
    const down = { exposure: () => Promise.reject(new Error('UNAVAILABLE: the core is not running')), close: async () => undefined } as unknown as Core;
    installQuitGuard({ app: app as never, core: () => down, ask: async () => 2, notify: (t) => notes.push(t), log: silentLogger });
    quit();
    await pollUntil(() => app.exit.mock.calls.length, { until: (n) => n === 1, what: 'app.exit with the core down' });
    expect(notes).toEqual(['Fundingbot quit without asking']);
  });

  it('a core that never finishes closing does not keep the process up', async () => {
    const { core } = await coreWith(false);
    const { app, quit } = fakeApp();
    const hung = { exposure: () => core.exposure(), trading: () => null, close: () => new Promise<void>(() => undefined) } as unknown as Core;
    installQuitGuard({ app: app as never, core: () => hung, ask: async () => 2, notify: () => undefined, log: silentLogger, closeTimeoutMs: 50 });
    quit();
    await pollUntil(() => app.exit.mock.calls.length, { until: (n) => n === 1, what: 'app.exit after the close timeout' });
  });

  it('Flatten with a pair that cannot close (no trading core) stays running, REDUCING, and says so', async () => {
    const { core } = await coreWith(true);
    const { app, quit } = fakeApp();
    const notes: string[] = [];
    installQuitGuard({ app: app as never, core: () => core, ask: async () => 0, notify: (t) => notes.push(t), log: silentLogger, flattenTimeoutMs: 50 });
    quit();
    await pollUntil(() => notes.length, { until: (n) => n === 1, what: 'the did-not-quit notice' });
    expect(notes).toEqual(['Fundingbot did not quit']);
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'quit: flattening every pair before the app quits' });
    expect(app.exit).not.toHaveBeenCalled();
    expect(core.db.open).toBe(true);
  });
});
