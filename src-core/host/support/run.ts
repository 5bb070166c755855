// The support commands behind cli.ts (`doctor`, `backfill`, `close-all`, `reconcile`), callable in-process:
// argv in, lines out, an exit code back. A bad argument is refused before anything opens (exit 2);
// a failure ends with one line naming it (exit 1).
import { LedgerQueries } from '../../ledger/ledger-queries';
import { openStore } from '../../store/db';
import { TradingStateRepo } from '../../store/trading-state-repo';
import { createLogger, type Logger } from '../../telemetry/log';
import { CliArgsError, isSupportCommand, parseSupportArgs, type ParsedSupport } from '../cli-args';
import { createCore } from '../core';
import { defaultDataDir } from '../data-dir';
import { runBackfill } from './backfill';
import { CLOSE_ALL_REASON, CloseAllError, confirmWord, openPairs, runCloseAll } from './close-all';
import { runDoctor } from './doctor';
import { ReconcileCliError, runReconcile } from './reconcile';
import { errorText, type Out } from './output';

export interface SupportIo {
  readonly out: Out;
  readonly err: Out;
  /** The core's and adapters' log (default: warnings and worse, on stderr). */
  readonly log?: Logger;
  readonly nativeBinding?: string;
}

export const SUPPORT_USAGE = [
  'doctor    [--data-dir DIR] [--mode sim|paper|live]',
  'backfill  [--data-dir DIR] [--mode sim|paper|live] [--symbols A,B]',
  'close-all [--data-dir DIR] [--mode sim|paper|live] [--confirm WORD]',
  'reconcile [--data-dir DIR] [--mode sim|paper|live] [--apply-safe]',
];

/** `argv` starts at the command name. */
export async function runSupportCli(argv: readonly string[], io: SupportIo): Promise<number> {
  const [command, ...args] = argv;
  let parsed: ParsedSupport;
  try {
    if (!isSupportCommand(command)) throw new CliArgsError(`unknown command ${JSON.stringify(command)}`);
    parsed = parseSupportArgs(command, args);
  } catch (e) {
    if (!(e instanceof CliArgsError)) throw e;
    io.err(`error: ${e.message}`);
    for (const u of SUPPORT_USAGE) io.err(`usage: ${u}`);
    return 2;
  }
  const log = io.log ?? createLogger({ level: 'warn', sink: (l) => io.err(l) });
  const dataDir = parsed.dataDir ?? defaultDataDir();
  const native = io.nativeBinding === undefined ? {} : { nativeBinding: io.nativeBinding };
  try {
    switch (parsed.command) {
      case 'doctor':
        return await runDoctor({ dataDir, mode: parsed.mode, log, ...native }, io.out);
      case 'backfill':
        return await runBackfill({ dataDir, mode: parsed.mode, log, symbols: parsed.symbols, ...native }, io.out);
      case 'close-all':
        return await closeAll(parsed.confirm, { dataDir, mode: parsed.mode, log, ...native }, io.out);
      case 'reconcile':
        return await reconcile(parsed.applySafe, { dataDir, mode: parsed.mode, log, ...native }, io.out);
    }
  } catch (e) {
    io.err(`${parsed.command} failed: ${errorText(e)}`);
    return 1;
  }
}

interface CoreArgs {
  readonly dataDir: string;
  readonly mode: ParsedSupport['mode'];
  readonly log: Logger;
  readonly nativeBinding?: string;
}

async function closeAll(confirm: string | null, a: CoreArgs, out: Out): Promise<number> {
  if (confirm === null) {
    // Listing only: the store's ledger, no venues and no trading loop (nothing can trade).
    const core = await createCore({ ...a, transport: 'in-process', startVenues: false });
    try {
      return await runCloseAll(core, null, out);
    } finally {
      await core.close();
    }
  }
  // The host runs the trading core in sim mode only (createCore starts venues by default there
  // alone, and paper/live adapters get no credentials yet: host/venues.ts), so a close here
  // would start a trading core the app itself never runs in that mode.
  if (a.mode !== 'sim') throw new CloseAllError(`closing needs the trading core, which runs in sim mode only for now (not ${a.mode}); nothing was closed`);
  // Before anything starts: refuse a word that no longer matches, and keep the entry loop from
  // opening a pair in the moments between the core's start and the closes (REDUCING persists and
  // shows in the app; the trader sets ACTIVE again to resume).
  const db = openStore(a);
  try {
    const open = openPairs(new LedgerQueries(db).listPairs());
    const word = confirmWord(open.map((p) => p.pairSeq));
    if (word !== confirm) throw new CloseAllError(`--confirm ${confirm} does not match the open pairs now (run close-all without --confirm to list them); nothing was closed`);
    const states = new TradingStateRepo(db);
    // Sim starts ACTIVE when nothing is stored (core.ts).
    const current = states.load({ state: 'ACTIVE', reason: 'first start', changedAtMs: Date.now() });
    if (open.length > 0 && current.state === 'ACTIVE') states.save({ state: 'REDUCING', reason: CLOSE_ALL_REASON, changedAtMs: Date.now() });
  } finally {
    db.close();
  }
  const core = await createCore({ ...a, transport: 'in-process', startVenues: true });
  try {
    return await runCloseAll(core, confirm, out);
  } finally {
    await core.close();
  }
}

/** The venues without the trading core (which would reconcile and apply by itself at start). */
async function reconcile(applySafe: boolean, a: CoreArgs, out: Out): Promise<number> {
  // The venues run in sim mode only for now (paper/live adapters get no credentials yet:
  // host/venues.ts), as for close-all.
  if (a.mode !== 'sim') throw new ReconcileCliError(`reconcile needs the venues, which run in sim mode only for now (not ${a.mode})`);
  const core = await createCore({ ...a, transport: 'in-process', startVenues: true, trading: false });
  try {
    return await runReconcile(core, a.dataDir, applySafe, out, a.nativeBinding);
  } finally {
    await core.close();
  }
}
