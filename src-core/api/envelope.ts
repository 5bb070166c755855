// Every answer crossing the contract is a Result: callers branch on `ok`, never on exceptions,
// so a transport (IPC or WebSocket) can carry failures as plain data.

export const API_ERROR_CODES = [
  'BAD_REQUEST', // the frame itself is unreadable (not JSON, no id, wrong kind)
  'UNKNOWN_CHANNEL',
  'VALIDATION', // the payload does not match the channel's schema
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly issues?: readonly ApiIssue[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ApiErrorCode, message: string, issues?: readonly ApiIssue[]): Result<T> {
  return issues === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, issues } };
}

/** Thrown by handlers that want a specific error code instead of INTERNAL. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Per-key detail (e.g. which setting failed validation), passed through to the caller. */
    readonly issues?: readonly ApiIssue[],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
