// Cursor paging both adapters share: fetch pages until the venue has no next cursor, a page is
// empty, or the rows are older than the caller needs. Bounded, so a venue that keeps returning
// the same cursor cannot loop forever.
export interface PageOf<T, C> {
  readonly rows: readonly T[];
  readonly next: C | null;
}

export interface PagingSpec<T, C> {
  readonly fetch: (cursor: C | null) => Promise<PageOf<T, C>>;
  /** True when no later page can hold a wanted row (e.g. newest-first rows older than `since`). */
  readonly done?: (page: readonly T[]) => boolean;
  readonly maxPages?: number;
}

export async function collectPages<T, C>(spec: PagingSpec<T, C>): Promise<T[]> {
  const out: T[] = [];
  let cursor: C | null = null;
  const max = spec.maxPages ?? 10_000;
  for (let page = 0; page < max; page++) {
    const p: PageOf<T, C> = await spec.fetch(cursor);
    out.push(...p.rows);
    if (p.next === null || p.rows.length === 0 || p.next === cursor || (spec.done?.(p.rows) ?? false)) break;
    cursor = p.next;
  }
  return out;
}
