// Command-line parsing for the headless host. The mode is chosen here (and by Electron's main,
// which passes it to createCore) and nowhere else: it picks the database file (store/db.ts), so
// no stored setting can disagree with it. Every refusal is a CliArgsError naming the argument,
// raised before anything is opened.
import { MODES, type Mode } from '../domain/venue';

export class CliArgsError extends Error {
  override readonly name = 'CliArgsError';
}

export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `--mode sim|paper|live`; sim when absent. Anything else is refused, never guessed. */
export function parseMode(argv: readonly string[]): Mode {
  if (!argv.includes('--mode')) return 'sim';
  const raw = argValue(argv, 'mode');
  const mode = MODES.find((m) => m === raw);
  if (mode === undefined) throw new CliArgsError(`unknown mode ${JSON.stringify(raw)} (expected ${MODES.join(', ')})`);
  return mode;
}

/** Paper mode needs what is not built yet: the real venues' public market data paired with a
 *  local order simulator (docs/ARCHITECTURE.md, Modes). Until then it is refused here, with what
 *  it needs, instead of starting a core whose screens wait for data that never comes. */
export const PAPER_MODE_UNAVAILABLE =
  'paper mode is not available yet: it needs a local order simulator running against the real venues\' public books and funding, which is not built. Run sim mode (the default) to watch the strategy offline.';

export function refuseUnbuiltMode(mode: Mode): void {
  if (mode === 'paper') throw new CliArgsError(PAPER_MODE_UNAVAILABLE);
}

/** `--NAME N`: a TCP port (1-65535) or undefined when absent; anything else is refused by name. */
export function parsePort(argv: readonly string[], name: string): number | undefined {
  const raw = requiredValue(argv, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < 1 || n > 65_535) throw new CliArgsError(`--${name} must be a port number (1-65535), not ${JSON.stringify(raw)}`);
  return n;
}

/** A flag that takes a value must have one: `--data-dir` followed by nothing or by another flag
 *  is a typo, not "use the default". */
function requiredValue(argv: readonly string[], name: string): string | undefined {
  if (!argv.includes(`--${name}`)) return undefined;
  const v = argValue(argv, name);
  if (v === undefined || v === '' || v.startsWith('--')) throw new CliArgsError(`--${name} needs a value`);
  return v;
}

/** Venue symbols as the venues' market lists spell them (ETH, BTC, 1000PEPE). */
const SYMBOL_RE = /^[A-Z0-9]{1,20}$/;

/** `--symbols A,B`: null (all common symbols) when absent; each one upper case, no duplicates. */
export function parseSymbols(argv: readonly string[]): readonly string[] | null {
  const raw = requiredValue(argv, 'symbols');
  if (raw === undefined) return null;
  const symbols = raw.split(',');
  for (const s of symbols) if (!SYMBOL_RE.test(s)) throw new CliArgsError(`--symbols: ${JSON.stringify(s)} is not a symbol (upper case letters and digits, comma separated)`);
  if (new Set(symbols).size !== symbols.length) throw new CliArgsError('--symbols lists a symbol twice');
  return symbols;
}

export interface SupportArgs {
  readonly dataDir: string | null;
  readonly mode: Mode;
}

const FLAGS: Readonly<Record<'doctor' | 'backfill' | 'close-all' | 'reconcile', readonly string[]>> = {
  doctor: ['data-dir', 'mode'],
  reconcile: ['data-dir', 'mode', 'apply-safe'],
  backfill: ['data-dir', 'mode', 'symbols'],
  'close-all': ['data-dir', 'mode', 'confirm'],
};
export type SupportCommand = keyof typeof FLAGS;

export type ParsedSupport =
  | ({ readonly command: 'doctor' } & SupportArgs)
  | ({ readonly command: 'backfill'; readonly symbols: readonly string[] | null } & SupportArgs)
  | ({ readonly command: 'close-all'; readonly confirm: string | null } & SupportArgs)
  | ({ readonly command: 'reconcile'; readonly applySafe: boolean } & SupportArgs);

/** Flags that take no value. */
const SWITCHES: ReadonlySet<string> = new Set(['apply-safe']);

export function isSupportCommand(cmd: string | undefined): cmd is SupportCommand {
  return cmd !== undefined && Object.hasOwn(FLAGS, cmd);
}

/** `args` are what follows the command name. An unknown flag or a stray word is refused: a
 *  misspelt `--confrim` must not run the listing-only close-all and look like it did nothing. */
export function parseSupportArgs(command: SupportCommand, args: readonly string[]): ParsedSupport {
  const allowed = FLAGS[command];
  for (let i = 0; i < args.length; i += 2) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new CliArgsError(`${command}: unexpected argument ${JSON.stringify(a)}`);
    if (!allowed.includes(a.slice(2))) throw new CliArgsError(`${command}: unknown option ${a} (accepted: ${allowed.map((f) => `--${f}`).join(' ')})`);
    // A switch takes no value: the next word is the next flag.
    if (SWITCHES.has(a.slice(2))) i -= 1;
  }
  const base: SupportArgs = { dataDir: requiredValue(args, 'data-dir') ?? null, mode: parseMode(args) };
  switch (command) {
    case 'doctor':
      return { command, ...base };
    case 'backfill':
      return { command, ...base, symbols: parseSymbols(args) };
    case 'close-all':
      return { command, ...base, confirm: requiredValue(args, 'confirm') ?? null };
    case 'reconcile':
      return { command, ...base, applySafe: args.includes('--apply-safe') };
  }
}
