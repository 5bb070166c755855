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
// Commits are counted: `written` those made, `covered` those a durable (FULL) commit or an issued
// sync covers, so a fill whose commit a later one already carries is not synced again. A failed
// sync halts trading (its caller's onError), so nothing is retried here.
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

export class WalSync {
  /** Commits made, and those a durable commit or an issued sync covers. */
  private written = 0;
  private covered = 0;

  /** `onError`: every failed sync (a waiter is refused as well): the disk did not confirm what
   *  was committed, which the trader must be told (the trading core halts trading). */
  constructor(
    private readonly syncFn: WalSyncFn,
    private readonly onError: (err: Error) => void,
  ) {}

  /** A commit was made without its fsync. */
  committedUnsynced(): void {
    this.written += 1;
  }

  /** A synchronous = FULL commit returned: its fsync covered every earlier frame. */
  committedDurable(): void {
    this.covered = this.written;
  }

  /** Starts a sync of every commit made so far; resolves once they are on disk, rejects (and
   *  reports) when the disk refuses. */
  sync(): Promise<void> {
    this.covered = this.written;
    return new Promise<void>((resolve, reject) => {
      this.syncFn((err) => {
        if (err === null) return resolve();
        this.onError(err);
        reject(err);
      });
    });
  }

  /** Syncs what is still uncovered at the next turn of the event loop: by then the commit that
   *  follows a fill in the same turn (the hedge intent, synced before its send) has covered it,
   *  or nothing will. */
  flushSoon(): void {
    setImmediate(() => {
      // Reported through onError by sync(); nobody waits on this one.
      if (this.covered < this.written) this.sync().catch(() => undefined);
    });
  }
}
