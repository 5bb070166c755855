// Structured JSON-lines logger. Secrets never reach a log line: fields whose name looks like a
// credential are masked, and so are values that look like keys, signatures or tokens wherever
// they appear (a venue error message can echo a signed payload back).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEY_RE = /(secret|password|passphrase|private.?key|api.?key|token|signature|^sig$|^auth|authorization|mnemonic|seed)/i;
// 64+ hex digits (keys, hashes, signatures) and long base64 runs (Lighter's 80-byte Sig).
const SECRET_VALUE_RES = [/(0x)?[0-9a-fA-F]{64,}/g, /[A-Za-z0-9+/]{80,}={0,2}/g];
export const MASK = '***';

export function maskString(text: string): string {
  let out = text;
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
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY_RE.test(k) ? MASK : maskSecrets(v, depth + 1);
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
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
