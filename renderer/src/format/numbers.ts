// Formatting for trading screens: fixed precision per unit, explicit signs where direction
// matters, an em dash for "no value" (never a misleading zero).
const DASH = '—';

export function pct(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Hourly funding rate in percent per hour, signed (+0.0125 %/h). */
export function hourlyPct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  const v = rate * 100;
  return `${v > 0 ? '+' : ''}${v.toFixed(4)}`;
}

export function apyPct(apy: number | null | undefined): string {
  if (apy === null || apy === undefined || !Number.isFinite(apy)) return DASH;
  const v = apy * 100;
  return `${v > 0 ? '+' : ''}${Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(1)}`;
}

export function usd(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v) || v < -1e8) return DASH;
  const sign = v < 0 ? '−' : '';
  return `${sign}$${Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
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

/** mm:ss until a timestamp; "now" when due. */
export function countdown(targetMs: number | null | undefined, nowMs: number): string {
  if (targetMs === null || targetMs === undefined) return DASH;
  const s = Math.max(0, Math.round((targetMs - nowMs) / 1000));
  if (s === 0) return 'now';
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
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
