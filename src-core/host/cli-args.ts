// Command-line parsing for the headless host. The mode is chosen here (and by Electron's main,
// which passes it to createCore) and nowhere else: it picks the database file (store/db.ts), so
// no stored setting can disagree with it.
import { MODES, type Mode } from '../domain/venue';

export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `--mode sim|paper|live`; sim when absent. Anything else is refused, never guessed. */
export function parseMode(argv: readonly string[]): Mode {
  if (!argv.includes('--mode')) return 'sim';
  const raw = argValue(argv, 'mode');
  const mode = MODES.find((m) => m === raw);
  if (mode === undefined) throw new Error(`unknown mode ${JSON.stringify(raw)} (expected ${MODES.join(', ')})`);
  return mode;
}
