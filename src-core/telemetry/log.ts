// Structured JSON-lines logger. Secrets never reach a log line: fields whose name looks like a
// credential are masked, so are values that look like keys, signatures or tokens wherever they
// appear (a venue error message can echo a signed payload back), and so is every secret value the
// process has loaded (registerSecret: the keychain registers each value it returns) in any of the
// forms it travels in: as is, URL-encoded (a signature in a query string), and for hex keys with or
// without 0x, in either case and without leading zeros. A pattern alone misses a 62-hex Stark key
// (a field element below 2^251 printed without its leading zeros), a 32-hex Extended API key
// (a hash-length id would look the same) and a URL-encoded base64 signature (%2B/%2F/%3D break the run).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEY_RE = /(secret|password|passphrase|private.?key|api.?key|token|signature|^sig$|^auth|authorization|mnemonic|seed)/i;
// 64+ hex digits (keys, hashes, signatures), long base64 runs (Lighter's 80-byte Sig), and the
// same runs URL-encoded (%2B, %2F, %3D in place of +, /, =).
const SECRET_VALUE_RES = [/(0x)?[0-9a-fA-F]{64,}/g, /[A-Za-z0-9+/]{80,}={0,2}/g, /(?:[A-Za-z0-9]|%2[BbFf]){80,}(?:%3[Dd]){0,2}/g];
export const MASK = '***';

/** Shorter values are not registered: masking every occurrence of a short string would blank
 *  ordinary words and numbers, and nothing that short is a credential here. */
export const MIN_REGISTERED_SECRET_LENGTH = 8;

const registered = new Set<string>();
let registeredRe: RegExp | null = null;

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every form of one secret a log line could carry it in. */
function secretForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value)]);
  const hex = /^(0x)?([0-9a-fA-F]+)$/.exec(value);
  if (hex !== null) {
    const digits = hex[2]!;
    const trimmed = digits.replace(/^0+(?=.)/, '');
    for (const d of [digits, trimmed]) if (d.length >= MIN_REGISTERED_SECRET_LENGTH) forms.add(d);
    // A key held as a bigint prints in decimal.
    forms.add(BigInt(`0x${digits}`).toString());
  }
  return [...forms];
}

/** Masks `value` in every later log line of this process (all loggers). Idempotent. */
export function registerSecret(value: string): void {
  if (value.length < MIN_REGISTERED_SECRET_LENGTH || registered.has(value)) return;
  registered.add(value);
  const forms = [...registered].flatMap(secretForms).sort((a, b) => b.length - a.length);
  // Case-insensitive: hex keys print in either case and percent escapes in either case; a
  // base64 secret differing only in case is masked too, which errs the safe way.
  registeredRe = new RegExp(forms.map(escapeRe).join('|'), 'gi');
}

/** Forgets every registered secret (tests; a process that dropped its credentials). */
export function clearRegisteredSecrets(): void {
  registered.clear();
  registeredRe = null;
}

export function maskString(text: string): string {
  let out = registeredRe === null ? text : text.replace(registeredRe, MASK);
  for (const re of SECRET_VALUE_RES) out = out.replace(re, MASK);
  return out;
}

export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskString(value);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: maskString(value.message) };
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskString(k)] = SECRET_KEY_RE.test(k) ? MASK : maskSecrets(v, depth + 1);
    return out;
  }
  if (typeof value === 'bigint') return maskString(value.toString());
  return value;
}

export type LogSink = (line: string) => void;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bound: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly sink?: LogSink;
  readonly now?: () => number;
}

export function createLogger(options: LoggerOptions = {}, bound: Record<string, unknown> = {}): Logger {
  const min = LEVEL_RANK[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? Date.now;
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVEL_RANK[level] < min) return;
    const record = maskSecrets({ t: now(), level, msg, ...bound, ...fields }) as Record<string, unknown>;
    sink(JSON.stringify(record));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more) => createLogger(options, { ...bound, ...more }),
  };
}

/** A logger that records nothing; for tests and benches that don't assert on logs. */
export const silentLogger: Logger = createLogger({ sink: () => undefined });
