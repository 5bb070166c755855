// What a support command writes: one line at a time to stdout (the CLI) or to an array (tests).
export type Out = (line: string) => void;

/** A check's line: `ok` or `FAILED`, its name padded so a column of checks reads at a glance. */
export function checkLine(name: string, ok: boolean, detail: string): string {
  return `${(ok ? 'ok' : 'FAILED').padEnd(6)} ${name.padEnd(22)} ${detail}`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
