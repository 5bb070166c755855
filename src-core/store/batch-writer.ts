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
}

export class BatchWriter<Row> {
  private queue: Row[] = [];
  private timer: NodeJS.Timeout | null = null;
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
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.flushAfterMs);
  }

  /** Commits everything queued in one transaction. Returns the number of rows written. */
  flush(): number {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
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
