// Settings in a real SQLite file: a database written by v1 (no settingsVersion, trading values
// duplicated, app.mode stored) opens with the user's values in their new place, and the mode is
// the one createCore was given, never a stored one.
import { afterEach, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { ConfigError, defaultSettings } from '../../../src-core/config/schema';
import { tradingDefaults } from '../../../src-core/config/trading';
import { SETTINGS_VERSION } from '../../../src-core/config/upgrade';
import { createCore } from '../../../src-core/host/core';
import { openStore } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { Mode } from '../../../src-core/domain/venue';
import { v1Defaults } from '../../helpers/settings-v1';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Writes a settings row exactly as an older app left it. */
function writeStoredSettings(dir: string, mode: Mode, doc: unknown): void {
  const db = openStore({ dataDir: dir, mode });
  db.prepare('INSERT INTO settings (id, json, updated_at_ms) VALUES (1, ?, 1)').run(JSON.stringify(doc));
  db.close();
}

function readStoredRow(dir: string, mode: Mode): { json: string; kept: string | undefined } {
  const db = openStore({ dataDir: dir, mode });
  const row = db.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string };
  const kept = db.prepare("SELECT value FROM meta WHERE key = 'settings.v1'").get() as { value: string } | undefined;
  db.close();
  return { json: row.json, kept: kept?.value };
}

const open = (dir: string, mode: Mode = 'sim') => createCore({ dataDir: dir, mode, log: silentLogger, startVenues: false, now: () => 1_795_530_000_000 });

describe('settings stored by v1', () => {
  const old = v1Defaults();
  old.app.mode = 'live';
  old.screener.notionalUsd = 1_250;
  old.screener.makerVenue = 'extended';
  old.screener.cooldownMinutes = 20;
  old.screener.blacklist = ['DOGE'];
  old.screener.minApy = 0.6;
  old.trading.makerTimeoutMs = 12_000;
  old.trading.maxOpenPairs = 3; // set on the Settings screen; the screener copy was left at 1

  it('load with every value carried over, and are written back as v2', async () => {
    const dir = dataDir();
    writeStoredSettings(dir, 'sim', old);
    const core = await open(dir);
    const got = await core.dispatcher.call('query', 'settings.get', {});
    expect(got.ok).toBe(true);
    const s = got.ok ? (got.value as typeof defaultSettings) : defaultSettings;
    expect(s.trading).toEqual({ ...tradingDefaults, notionalPerPairUsd: 1_250, maxOpenPairs: 3, leverageMultiple: 7, makerVenue: 'extended', makerTimeoutMs: 12_000, maxSlippageBps: 15, cooldownMinutes: 20, minFreeMarginFraction: 0.05 });
    expect(s.screener).toMatchObject({ minApy: 0.6, blacklist: ['DOGE'] });
    expect(s.app).toEqual({ heartbeatIntervalMs: 1_000 });
    // The stored mode is gone; the mode is what the core was opened with.
    const info = await core.dispatcher.call('query', 'app.info', {});
    expect(info.ok && (info.value as { mode: string }).mode).toBe('sim');
    await core.close();

    const stored = readStoredRow(dir, 'sim');
    expect(JSON.parse(stored.json)).toEqual({ settingsVersion: SETTINGS_VERSION, ...s });
    expect(stored.kept).toBe(JSON.stringify(old)); // the original, kept for recovery

    // A second start reads v2 as it is and leaves the kept original alone.
    const again = await open(dir);
    expect(again.settings()).toEqual(s);
    await again.close();
    expect(readStoredRow(dir, 'sim')).toEqual(stored);
  });

  it('a document from a newer app is refused and left untouched', async () => {
    const dir = dataDir();
    const future = { settingsVersion: 99, ...defaultSettings };
    writeStoredSettings(dir, 'sim', future);
    await expect(open(dir)).rejects.toBeInstanceOf(ConfigError);
    expect(readStoredRow(dir, 'sim')).toEqual({ json: JSON.stringify(future), kept: undefined });
  });

  it('a v1 document that no longer validates is reported, not replaced by defaults', async () => {
    const dir = dataDir();
    const bad = v1Defaults();
    bad.screener.maxSpreadCapFraction = 0.001; // below the base 0.0016: v1 never checked the pair
    writeStoredSettings(dir, 'sim', bad);
    await expect(open(dir)).rejects.toThrow(/screener\.maxSpreadCapFraction/);
    expect(readStoredRow(dir, 'sim').json).toBe(JSON.stringify(bad));
  });
});

describe('the mode has one source', () => {
  it('createCore picks the database file and app.info reports that mode; settings hold none', async () => {
    const dir = dataDir();
    for (const mode of ['sim', 'paper'] as const) {
      const core = await open(dir, mode);
      expect(basename(core.db.name)).toBe(`${mode}.db`);
      expect(core.mode).toBe(mode);
      const info = await core.dispatcher.call('query', 'app.info', {});
      expect(info.ok && (info.value as { mode: string }).mode).toBe(mode);
      expect(Object.keys(core.settings().app)).toEqual(['heartbeatIntervalMs']);
      const r = await core.dispatcher.call('command', 'settings.update', { app: { mode: 'live' } });
      expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
      expect(core.mode).toBe(mode);
      await core.close();
    }
  });
});
