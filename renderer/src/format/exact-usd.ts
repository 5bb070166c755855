// Exact money from the ledger as the trader reads it: the decimal string's own digits (never a
// float), a real minus sign, thousands grouped, at least cents. "0.329025" → "$0.329025",
// "-2.5" → "−$2.50", "-0" cannot occur (the core normalizes it to "0" → "$0.00").
const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

export function exactUsd(value: string): string {
  const m = DECIMAL.exec(value);
  if (m === null) return value;
  const int = m[2]!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (m[3] ?? '').padEnd(2, '0');
  const zero = /^0*$/.test(m[2]! + (m[3] ?? ''));
  const sign = m[1] === '-' && !zero ? '−' : '';
  return `${sign}$${int}.${frac}`;
}

/** pos / neg / zero, for the colour of an exact amount. */
export function exactSignClass(value: string): 'pos' | 'neg' | 'zero' {
  const m = DECIMAL.exec(value);
  if (m === null || /^0*$/.test(m[2]! + (m[3] ?? ''))) return 'zero';
  return m[1] === '-' ? 'neg' : 'pos';
}

/** A hold time: "45 min", "7.5 h", "3.2 d"; an em dash when the pair never opened. */
export function holdTime(ms: number | null): string {
  if (ms === null) return '—';
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.round(ms / 60_000)} min`;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} d`;
}
