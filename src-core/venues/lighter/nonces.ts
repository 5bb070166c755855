// Nonces per (account, API key): fetched once from nextNonce, then incremented locally in one
// queue. A reply containing "invalid nonce" means our count drifted (another client, a lost tx):
// resync from the venue before the next transaction.
export class NonceManager {
  private next: number | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly fetchNext: () => Promise<number>) {}

  /** Runs `use` with the next nonce; only one transaction takes a nonce at a time. */
  withNonce<T>(use: (nonce: number) => Promise<{ result: T; consumed: boolean }>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.next === null) this.next = await this.fetchNext();
      const nonce = this.next;
      const { result, consumed } = await use(nonce);
      if (consumed) this.next = nonce + 1;
      return result;
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Forget the local count; the next transaction refetches it. */
  invalidate(): void {
    this.next = null;
  }

  peek(): number | null {
    return this.next;
  }
}

export function isInvalidNonce(message: string): boolean {
  return /invalid nonce/i.test(message);
}
