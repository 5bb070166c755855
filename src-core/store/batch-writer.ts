// Batched writes: rows queue in memory and commit as one transaction per batch. The flush is a
// synchronous better-sqlite3 transaction with no await inside, so nothing can interleave with
// it and a crash leaves either the whole batch or none of it.
import type Database from 'better-sqlite3';

export interface BatchWriterOptions<Row> {
  readonly db: Database.Database;
  /** Applied to each row inside the batch's transaction. */
  readonly write: (row: Row) => void;
  readonly maxBatch?: number;
  readonly flushAfterMs?: number;
  readonly onError?: (error: unknown, rows: readonly Row[]) => void;
  /** Schedules the idle flush; returns its cancel. Defaults to setTimeout. Tests pass a manual
   *  timer so they fire the flush themselves instead of sleeping past flushAfterMs. */
  readonly schedule?: (fn: () => void, delayMs: number) => () => void;
}

function realTimer(fn: () => void, delayMs: number): () => void {
  const t = setTimeout(fn, delayMs);
  return () => clearTimeout(t);
}

export class BatchWriter<Row> {
  private queue: Row[] = [];
  private cancelTimer: (() => void) | null = null;
  private readonly commitBatch: (rows: readonly Row[]) => void;
  private readonly maxBatch: number;
  private readonly flushAfterMs: number;
  private closed = false;
  commits = 0;

  constructor(private readonly options: BatchWriterOptions<Row>) {
    this.maxBatch = options.maxBatch ?? 500;
    this.flushAfterMs = options.flushAfterMs ?? 20;
    this.commitBatch = options.db.transaction((rows: readonly Row[]) => {
      for (const row of rows) options.write(row);
    });
  }

  push(row: Row): void {
    if (this.closed) throw new Error('BatchWriter is closed');
    this.queue.push(row);
    if (this.queue.length >= this.maxBatch) this.flush();
    else if (this.cancelTimer === null) this.cancelTimer = (this.options.schedule ?? realTimer)(() => this.flush(), this.flushAfterMs);
  }

  /** Commits everything queued in one transaction. Returns the number of rows written. */
  flush(): number {
    if (this.cancelTimer !== null) {
      this.cancelTimer();
      this.cancelTimer = null;
    }
    if (this.queue.length === 0) return 0;
    const rows = this.queue;
    this.queue = [];
    try {
      this.commitBatch(rows);
      this.commits += 1;
      return rows.length;
    } catch (e) {
      if (this.options.onError === undefined) throw e;
      this.options.onError(e, rows);
      return 0;
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
