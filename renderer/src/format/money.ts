// Money, sizes and the break-even clock for the trader screens (Positions, Pair detail). Exact
// ledger decimals and float estimates both arrive here; the sign is decided on the rounded value,
// so a −0.001 never shows as "−$0.00", and an unknown is an em dash, never a zero.
import type { PositionRow } from '../../../src-core/api/channels/positions';
import { BREAK_EVEN_MAX_HOURS } from '../../../src-core/api/break-even';

const DASH = '—';
const MINUS = '−';

function toNumber(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function grouped(abs: number, digits: number): string {
  return abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "$1,234.56", "−$0.12"; a value that rounds to zero is "$0.00" without a sign. */
export function money(v: string | number | null | undefined, digits = 2): string {
  const n = toNumber(v);
  if (n === null) return DASH;
  const rounded = Number(n.toFixed(digits));
  return `${rounded < 0 ? MINUS : ''}$${grouped(Math.abs(rounded), digits)}`;
}

/** Like money() with an explicit "+" for gains: PnL, funding. */
export function signedMoney(v: string | number | null | undefined, digits = 2): string {
  const n = toNumber(v);
  if (n === null) return DASH;
  const rounded = Number(n.toFixed(digits));
  return `${rounded > 0 ? '+' : rounded < 0 ? MINUS : ''}$${grouped(Math.abs(rounded), digits)}`;
}

/** Sign class of a value as displayed (a value rounding to zero is neutral). */
export function moneyClass(v: string | number | null | undefined, digits = 2): string {
  const n = toNumber(v);
  if (n === null) return 'zero';
  const rounded = Number(n.toFixed(digits));
  return rounded > 0 ? 'pos' : rounded < 0 ? 'neg' : 'zero';
}

/** A price with enough digits for the market: at least 2, up to 6 below $1. */
export function price(v: string | number | null | undefined): string {
  const n = toNumber(v);
  if (n === null) return DASH;
  const digits = Math.abs(n) >= 1000 ? 2 : Math.abs(n) >= 1 ? 4 : 6;
  return `$${grouped(Math.abs(n), digits)}`;
}

/** An exact base size with its asset ("0.105 ETH", "−0.105 ETH"); the string is shown as is. */
export function baseSize(d: string | null | undefined, asset: string): string {
  if (d === null || d === undefined) return DASH;
  return `${d.startsWith('-') ? MINUS + d.slice(1) : d} ${asset}`;
}

/** Percent of a fraction, no sign for zero. */
export function percent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  const v = Number((fraction * 100).toFixed(digits));
  return `${v < 0 ? MINUS : ''}${Math.abs(v).toFixed(digits)} %`;
}

/** A liquidation distance: beyond 999 % the number says nothing more than "far". */
export function liquidationText(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return fraction > 9.99 ? '>999 %' : percent(fraction, 1);
}

/** Time until a moment (the next funding settlement): "now" when due, "mm:ss" within the hour,
 *  "h:mm:ss" beyond, so the seconds keep ticking at every distance and the width stays steady. */
export function untilText(targetMs: number | null | undefined, nowMs: number): string {
  if (targetMs === null || targetMs === undefined) return DASH;
  const s = Math.max(0, Math.round((targetMs - nowMs) / 1000));
  if (s === 0) return 'now';
  const two = (n: number): string => String(n).padStart(2, '0');
  const mmss = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return s < 3600 ? mmss : `${Math.floor(s / 3600)}:${mmss}`;
}

export function hoursText(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return DASH;
  return h >= 100 ? `${h.toFixed(0)} h` : `${h.toFixed(1)} h`;
}

/** The break-even clock in words: how far funding has paid the entry back, and what is left. */
export function breakEvenText(b: PositionRow['breakEven']): { main: string; sub: string } {
  const share = b.paidBackFraction === null ? '' : `${percent(Math.max(0, b.paidBackFraction), 0)} paid back`;
  switch (b.state) {
    case 'paid-back':
      return { main: 'paid back', sub: share };
    case 'never':
      return { main: 'never', sub: share === '' ? 'carry ≤ 0' : `${share} · carry ≤ 0` };
    case 'unknown':
      return { main: DASH, sub: share };
    case 'earning':
      return { main: b.hoursLeft === null || b.hoursLeft > BREAK_EVEN_MAX_HOURS ? `>${BREAK_EVEN_MAX_HOURS} h` : `${hoursText(b.hoursLeft)} left`, sub: share };
  }
}
