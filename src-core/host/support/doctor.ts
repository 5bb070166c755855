// `doctor`: one line per check, ok or FAILED with its reason, for a support case. It reads; the
// only writes are the ones a normal start makes (the store's migrations) and two probes removed
// again (a file in the data dir, a marker in the keychain). No secret is read or printed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type ConfigIssue, type Settings } from '../../config/schema';
import type { Mode, VenueId } from '../../domain/venue';
import { Keychain } from '../../secrets/keychain';
import { openDatabase, openStore } from '../../store/db';
import { SettingsRepo } from '../../store/settings-repo';
import type { Logger } from '../../telemetry/log';
import { firstBook, skewVerdict } from './clock-skew';
import { dataDirProblem } from './data-dir-check';
import { checkLine, errorText, type Out } from './output';
import { openVenueSession } from './venue-session';

const VENUES: readonly VenueId[] = ['lighter', 'extended'];

export interface DoctorOptions {
  readonly dataDir: string;
  readonly mode: Mode;
  readonly log: Logger;
  readonly nativeBinding?: string;
  readonly keychain?: Pick<Keychain, 'probe'>;
  /** How long the clock check waits for a venue's first book message. */
  readonly bookWaitMs?: number;
}

/** Runs every check it can (a failed one does not hide the others) and returns the exit code:
 *  0 when all passed, 1 otherwise. */
export async function runDoctor(o: DoctorOptions, out: Out): Promise<number> {
  let failed = 0;
  const report = (name: string, problem: string | null, okDetail: string): boolean => {
    if (problem !== null) failed += 1;
    out(checkLine(name, problem === null, problem ?? okDetail));
    return problem === null;
  };
  out(`Fundingbot doctor (${o.mode} mode, data dir ${o.dataDir})`);

  const nativeOk = report('native module', guard(() => {
    openDatabase(':memory:', o.nativeBinding).close();
  }), `better-sqlite3 loads (Node ABI ${process.versions.modules})`);
  const dirExisted = existsSync(o.dataDir);
  report('data dir', guard(() => dataDirProblem(o.dataDir)), dirExisted ? 'writable, directory 0700, database files 0600' : 'absent: the store creates it 0700 (the settings check opens it)');

  // Set inside the guarded check below (a holder, since a closure's assignment is not narrowed).
  const loaded: { settings: Settings | null; issues: readonly ConfigIssue[] | null } = { settings: null, issues: null };
  if (!nativeOk) report('settings', 'not read: the native module does not load', '');
  else {
    const problem = guard(() => {
      const db = openStore({ dataDir: o.dataDir, mode: o.mode, ...(o.nativeBinding === undefined ? {} : { nativeBinding: o.nativeBinding }) });
      try {
        loaded.settings = new SettingsRepo(db).load();
      } catch (e) {
        if (e instanceof ConfigError) loaded.issues = e.issues;
        throw e;
      } finally {
        db.close();
      }
    });
    report('settings', problem === null || loaded.issues === null ? problem : issuesText(loaded.issues), `load and validate (${join(o.dataDir, `${o.mode}.db`)})`);
  }

  report('keychain', guard(() => (o.keychain ?? new Keychain()).probe()), 'reachable (write, read back, delete of a probe marker)');

  const settings = loaded.settings;
  if (settings === null) {
    for (const v of VENUES) report(`${v} REST`, 'not checked: settings did not load', '');
    for (const v of VENUES) report(`${v} clock`, 'not checked: settings did not load', '');
  } else failed += await venueChecks(o, settings, out);
  return failed === 0 ? 0 : 1;
}

async function venueChecks(o: DoctorOptions, settings: Settings, out: Out): Promise<number> {
  let failed = 0;
  const line = (name: string, ok: boolean, detail: string): void => {
    if (!ok) failed += 1;
    out(checkLine(name, ok, detail));
  };
  let session;
  try {
    session = await openVenueSession(o.mode, settings, o.log);
  } catch (e) {
    for (const v of VENUES) line(`${v} REST`, false, `venues not built: ${errorText(e)}`);
    for (const v of VENUES) line(`${v} clock`, false, 'not checked: venues not built');
    return failed;
  }
  try {
    const where = o.mode === 'sim' ? 'embedded simulator ' : '';
    const listed: Partial<Record<VenueId, readonly string[]>> = {};
    for (const v of VENUES) {
      try {
        const markets = await session.ports[v].loadMarkets();
        listed[v] = markets.map((m) => m.symbol);
        line(`${v} REST`, true, `${where}${session.restUrls[v]} answered: ${markets.length} markets`);
      } catch (e) {
        line(`${v} REST`, false, `${where}${session.restUrls[v]}: ${errorText(e)}`);
      }
    }
    const waitMs = o.bookWaitMs ?? 15_000;
    for (const v of VENUES) {
      const symbol = clockSymbol(listed[v], listed[v === 'lighter' ? 'extended' : 'lighter']);
      if (symbol === undefined) {
        line(`${v} clock`, false, 'not checked: no market to read a book of');
        continue;
      }
      try {
        await session.ports[v].start();
        const verdict = skewVerdict(await firstBook(session.ports[v], symbol, waitMs), waitMs);
        line(`${v} clock`, verdict.ok, verdict.detail);
      } catch (e) {
        line(`${v} clock`, false, `stream did not start: ${errorText(e)}`);
      }
    }
  } finally {
    await session.close();
  }
  return failed;
}

/** The market whose book carries the venue time: ETH where listed (among the busiest on both
 *  venues, so its book is never long silent), else the first symbol both venues list, else any. */
function clockSymbol(own: readonly string[] | undefined, other: readonly string[] | undefined): string | undefined {
  if (own === undefined) return undefined;
  if (own.includes('ETH')) return 'ETH';
  return own.find((s) => other?.includes(s) === true) ?? own[0];
}

/** One line even for a document that fails everywhere (one from a newer app): the first few
 *  issues and how many there are. */
function issuesText(issues: readonly ConfigIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  return `stored settings do not validate (${issues.length} issue${issues.length === 1 ? '' : 's'}): ${shown}${issues.length > 3 ? '; …' : ''}`;
}

/** A check's failure as its reason: a thrown error's message or the returned problem. */
function guard(check: () => string | null | void): string | null {
  try {
    return check() ?? null;
  } catch (e) {
    return errorText(e);
  }
}
