// Formatting for trading screens: fixed precision per unit, explicit signs where direction
// matters, an em dash for "no value" (never a misleading zero).
const DASH = '—';
const MINUS = '−';

/** `v` to `digits` places with an explicit + or − — and none when it rounds to zero, so a tiny
 *  negative never reads "−0.00" (a loss that is not there). */
function signed(v: number, digits: number, plus: boolean): string {
  const text = Math.abs(v).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${v < 0 ? MINUS : plus ? '+' : ''}${text}`;
}

export function pct(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Hourly funding rate in percent per hour, signed (+0.0125 %/h). */
export function hourlyPct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return signed(rate * 100, 4, true);
}

export function apyPct(apy: number | null | undefined): string {
  if (apy === null || apy === undefined || !Number.isFinite(apy)) return DASH;
  const v = apy * 100;
  return signed(v, Math.abs(v) >= 1000 ? 0 : 1, true);
}

/** One formatter per precision, built once: `toLocaleString` with options builds a new
 *  Intl.NumberFormat on every call, and it was the costliest script in a screener frame (every
 *  row's EV ten times a second; tests/bench/ui.bench.ts). */
const usdFormats = new Map<number, Intl.NumberFormat>();
function usdFormat(digits: number): Intl.NumberFormat {
  let f = usdFormats.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    usdFormats.set(digits, f);
  }
  return f;
}

export function usd(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v) || v < -1e8) return DASH;
  const text = usdFormat(digits).format(Math.abs(v));
  const sign = v < 0 && Number(Math.abs(v).toFixed(digits)) !== 0 ? MINUS : '';
  return `${sign}$${text}`;
}

export function compactUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  if (v >= 1e6) return `$${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `$${(v / 1e3).toFixed(0)}k`;
  return `$${v.toFixed(0)}`;
}

export function bps(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return v.toFixed(1);
}

export function hours(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

/** The longest break-even shown as a number; past it the clock says ">999 h". */
export const MAX_SHOWN_BREAKEVEN_HOURS = 999;

/** Break-even hours with the unit. No break-even (the carry never pays the costs back) and one
 *  later than the hold (the pair would be closed before it) both read "never"; the exact figure
 *  stays in the title. Without a known hold, anything past 999 h reads ">999 h". */
export function breakeven(v: number | null | undefined, holdHours: number | null): { text: string; title: string } {
  if (v === null || v === undefined || !Number.isFinite(v) || v < 0) return { text: 'never', title: 'the carry never pays the entry and exit costs back' };
  if (holdHours !== null && v > holdHours) return { text: 'never', title: `${hours(v)} h: later than the ${hours(holdHours)} h hold` };
  if (v > MAX_SHOWN_BREAKEVEN_HOURS) return { text: `>${MAX_SHOWN_BREAKEVEN_HOURS} h`, title: `${v.toFixed(0)} h` };
  return { text: `${hours(v)} h`, title: 'hours of carry to pay back the entry and exit costs' };
}

/** Time until a timestamp with its units ("20m 04s", "1h 05m"); "now" when due. (A bare
 *  "20:04" read as a clock time.) */
export function countdown(targetMs: number | null | undefined, nowMs: number): string {
  if (targetMs === null || targetMs === undefined) return DASH;
  const s = Math.max(0, Math.round((targetMs - nowMs) / 1000));
  if (s === 0) return 'now';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

export function ageMs(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)} s`;
  return `${Math.floor(v / 60_000)} min`;
}

export function signClass(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v) || Math.abs(v) < 1e-12) return 'zero';
  return v > 0 ? 'pos' : 'neg';
}

/** "14:03 (12 min ago)": a local clock time and how long ago it was. */
export function sinceTime(ms: number | null | undefined, nowMs: number): string {
  if (ms === null || ms === undefined) return DASH;
  const d = new Date(ms);
  const clock = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${clock} (${ageMs(Math.max(0, nowMs - ms))} ago)`;
}
