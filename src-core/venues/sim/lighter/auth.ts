// Lighter auth tokens: "deadline:account:apiKey:hex160" (venues.md §1.6): format, expiry, the
// 8-hour maximum lifetime, that the token belongs to the account being read, and the Schnorr
// signature against the registered API key.
import type { LighterKeys } from './signatures';
export type AuthVerdict = { readonly ok: true; readonly account: number; readonly apiKey: number } | { readonly ok: false; readonly code: number; readonly message: string };

const TOKEN_RE = /^(\d{1,12}):(\d{1,16}):(\d{1,3}):([0-9a-fA-F]{160})$/;
const MAX_LIFETIME_S = 8 * 3600;

export function checkAuthToken(token: string | null | undefined, nowMs: number, expectedAccount: number | undefined, keys: LighterKeys): AuthVerdict {
  if (typeof token !== 'string' || token === '') return { ok: false, code: 20001, message: 'auth token required' };
  const m = TOKEN_RE.exec(token);
  if (m === null) return { ok: false, code: 20002, message: 'invalid auth token' };
  const deadlineS = Number(m[1]);
  const account = Number(m[2]);
  const apiKey = Number(m[3]);
  const nowS = Math.floor(nowMs / 1000);
  if (deadlineS <= nowS) return { ok: false, code: 20013, message: 'auth token expired' };
  if (deadlineS - nowS > MAX_LIFETIME_S + 120) return { ok: false, code: 20014, message: 'auth token lifetime exceeds 8 hours' };
  if (expectedAccount !== undefined && account !== expectedAccount) return { ok: false, code: 20015, message: 'auth token is for another account' };
  const sig = keys.verifyAuthToken(token, deadlineS, account, apiKey, m[4]!);
  if (sig === 'unknown-key') return { ok: false, code: 20002, message: 'invalid auth token: unknown api key' };
  if (sig !== 'ok') return { ok: false, code: 20002, message: 'invalid auth token: bad signature' };
  return { ok: true, account, apiKey };
}
