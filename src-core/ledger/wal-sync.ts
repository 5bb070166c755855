// Durability of the ledger's commits that are made without an fsync of their own (ledger-repo.ts
// header): a fill's, and an intent's whose sync runs while its order is signed.
//
// Why an fdatasync of the -wal file makes them durable: in WAL mode every commit appends its
// frames to the -wal file in commit order, and SQLite's own synchronous = FULL commit is exactly an
// fsync of that file after the commit frame (sqlite.org/wal.html, "Durability"; pragma.html
// #pragma_synchronous: with NORMAL "the WAL file is synchronized before each checkpoint", so no
// frame reaches the database file unsynced). fdatasync flushes every written page of the file,
// whichever descriptor wrote it, so a sync issued after a commit returned covers that commit and
// every one before it.
//
// Commits are counted: `written` those made, `covered` those an issued sync will make durable,
// `durable` those known on disk. A durable (FULL) commit covers everything at once.
import { closeSync, fdatasync, openSync } from 'node:fs';

/** Starts one fdatasync of the WAL file; `done` gets its error, if any. */
export type WalSyncFn = (done: (err: Error | null) => void) => void;

/** fdatasync of `<db file>-wal` as one libuv thread-pool job, so the sync runs while the caller
 *  signs its order. The open and close are synchronous (microseconds) on purpose: an async open
 *  would wait for the JS thread to be free, and the sync would start only after the signing. The
 *  file is opened for each sync, so a WAL SQLite removed and made again (its last connection
 *  closed) is never the wrong inode, and no descriptor outlives its sync. fdatasync flushes the
 *  file's written pages whichever descriptor wrote them. No WAL means nothing to sync. */
export function walFileSync(dbFile: string): WalSyncFn {
  return (done) => {
    let fd: number;
    try {
      fd = openSync(`${dbFile}-wal`, 'r+');
    } catch (err) {
      return done((err as NodeJS.ErrnoException).code === 'ENOENT' ? null : (err as Error));
    }
    fdatasync(fd, (err) => {
      closeSync(fd);
      done(err);
    });
  };
}

interface Flight {
  readonly through: number;
  readonly promise: Promise<void>;
}

export class WalSync {
  private written = 0;
  private covered = 0;
  private durable = 0;
  private readonly flights: Flight[] = [];
  private flushScheduled = false;

  /** `onError`: every failed sync (a waiter is refused as well): the disk did not confirm what
   *  was committed, which the trader must be told (the trading core halts trading). */
  constructor(
    private readonly syncFn: WalSyncFn,
    private readonly onError: (err: Error) => void,
  ) {}

  /** A commit was made without its fsync; returns its number. */
  committedUnsynced(): number {
    this.written += 1;
    return this.written;
  }

  /** A synchronous = FULL commit returned: its fsync covered every earlier frame. */
  committedDurable(): void {
    this.durable = this.written;
    this.covered = Math.max(this.covered, this.written);
  }

  /** True when commit `n` is known to be on disk. */
  isDurable(n: number): boolean {
    return this.durable >= n;
  }

  /** Resolves once commit `n` is on disk (rejects when the sync that covers it fails). */
  durableThrough(n: number): Promise<void> {
    if (this.durable >= n) return Promise.resolve();
    const flight = this.flights.find((f) => f.through >= n);
    return flight !== undefined ? flight.promise : this.issue();
  }

  /** Syncs what is still uncovered at the next turn of the event loop: by then the commit that
   *  follows a fill in the same turn (the hedge intent) has covered it, or nothing will. */
  flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.covered >= this.written) return;
      // Reported through onError by issue(); nobody else waits on this one.
      this.issue().catch(() => undefined);
    });
  }

  private issue(): Promise<void> {
    const through = this.written;
    this.covered = Math.max(this.covered, through);
    let settle!: (err: Error | null) => void;
    const promise = new Promise<void>((resolve, reject) => {
      settle = (err) => (err === null ? resolve() : reject(err));
    });
    const flight: Flight = { through, promise };
    this.flights.push(flight);
    this.syncFn((err) => {
      const i = this.flights.indexOf(flight);
      if (i >= 0) this.flights.splice(i, 1);
      if (err === null) {
        this.durable = Math.max(this.durable, through);
      } else {
        // What this sync covered is not known to be on disk: a later sync must cover it again.
        this.covered = Math.min(this.covered, this.durable);
        this.onError(err);
      }
      settle(err);
    });
    return promise;
  }
}
