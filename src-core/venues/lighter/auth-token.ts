// Auth tokens for Lighter's private reads and streams. The venue accepts up to 8 h, but the
// reference signer refuses deadlines beyond 7 h ("deadline should be within 7 hours") and ours
// keeps its rule, so we ask for 7 h less two minutes of clock skew and refresh after 6 h, or at
// once on 20013 / 401.
export class AuthTokenManager {
  private token: string | null = null;
  private issuedAtMs = 0;

  constructor(
    private readonly create: (deadlineS: number) => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token === null || this.now() - this.issuedAtMs > 6 * 3_600_000) {
      const deadlineS = Math.floor(this.now() / 1000) + 7 * 3_600 - 120;
      this.token = await this.create(deadlineS);
      this.issuedAtMs = this.now();
    }
    return this.token;
  }

  invalidate(): void {
    this.token = null;
  }
}
