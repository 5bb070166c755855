// Opening a pair by hand: the core's preview of exactly what the entry would send now (size on
// the common step, each leg's price, role, fee and margin, entry and exit cost, break-even), an
// editable notional, and a Confirm that sends pairs.open through useCommand (a refusal becomes a
// toast with the typed error). While trading is REDUCING or HALTED the dialog says why, with the
// state's own reason, and Confirm stays disabled; the core refuses pairs.open then too.
import { useEffect, useState } from 'react';
import type { QueryOutput } from '../../../src-core/api/contract';
import type { ApiErrorCode } from '../../../src-core/api/envelope';
import { useApi } from '../api/context';
import { useCommand } from '../api/use-command';
import { useAppStore } from '../store/app-store';
import { useControlsStore, type OpenPairTarget } from '../store/ui-controls';
import { Dialog } from './Dialog';

type Preview = QueryOutput<'pairs.preview'>;
type PreviewLeg = Preview['long'];

/** Wait this long after the last keystroke in the notional before asking for a new preview
 *  (each preview re-reads funding from the venues). */
const PREVIEW_DEBOUNCE_MS = 300;

const VENUE_NAME = { lighter: 'Lighter', extended: 'Extended' } as const;

/** A USD amount held as an exact decimal string, shown to the cent (the exact text in the title). */
function usdText(exact: string): string {
  const v = Number(exact);
  if (!Number.isFinite(v)) return '—';
  const cents = Math.round(Math.abs(v) * 100) / 100;
  return `${v < 0 && cents > 0 ? '−' : ''}$${cents.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function bpsText(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(1)} bps` : '—';
}

/** Break-even in hours: null from the core means the spread pays nothing now. */
export function breakevenText(h: number | null): string {
  if (h === null) return 'never';
  if (h > 999) return '>999 h';
  return `${h >= 100 ? h.toFixed(0) : h.toFixed(1)} h`;
}

function Leg({ label, leg, size }: { label: 'Long' | 'Short'; leg: PreviewLeg; size: string }): React.JSX.Element {
  return (
    <tr data-testid={`open-leg-${label.toLowerCase()}`}>
      <td className={label === 'Long' ? 'pos' : 'neg'}>{label}</td>
      <td>{VENUE_NAME[leg.venue]}</td>
      <td>{leg.role === 'maker' ? 'maker (rests)' : 'hedge (taker IOC)'}</td>
      <td className="num">{leg.price}</td>
      <td className="num" data-testid={`open-size-${label.toLowerCase()}`}>{size}</td>
      <td className="num" title={`$${leg.notionalUsd}`}>{usdText(leg.notionalUsd)}</td>
      <td className="num" title={`$${leg.feeUsd}`}>
        {usdText(leg.feeUsd)} <span className="sub">{leg.feeBps.toFixed(1)} bps</span>
      </td>
      <td className="num" title={`$${leg.marginUsd}`}>{usdText(leg.marginUsd)}</td>
    </tr>
  );
}

function PreviewView({ p }: { p: Preview }): React.JSX.Element {
  const carryPerHourUsd = p.netHourlyRate * Number(p.notionalUsd);
  return (
    <div data-testid="open-preview">
      <table className="grid compact">
        <thead>
          <tr>
            <th className="left">Leg</th>
            <th className="left">Venue</th>
            <th className="left">Role</th>
            <th className="right">Price</th>
            <th className="right" title="Base size of each leg, a multiple of both markets' steps">Size ({p.symbol})</th>
            <th className="right">Notional</th>
            <th className="right">Fee</th>
            <th className="right" title={`Notional / ${p.leverage}× leverage`}>Margin</th>
          </tr>
        </thead>
        <tbody>
          <Leg label="Long" leg={p.long} size={p.size} />
          <Leg label="Short" leg={p.short} size={p.size} />
        </tbody>
      </table>
      <div className="summary">
        <div>
          <span className="label">Entry cost</span>
          <span className="value" data-testid="open-entry-cost">
            {usdText(p.entryCostUsd)}
            <span className="sub">{bpsText(p.entryCostBps)}</span>
          </span>
        </div>
        <div>
          <span className="label">Exit cost (today&apos;s books)</span>
          <span className="value" data-testid="open-exit-cost">
            {usdText(p.exitCostUsd)}
            <span className="sub">{bpsText(p.exitCostBps)}</span>
          </span>
        </div>
        <div>
          <span className="label">Break-even</span>
          <span className="value" data-testid="open-breakeven">{breakevenText(p.breakevenHours)}</span>
        </div>
        <div>
          <span className="label">Net carry now</span>
          <span className={`value ${p.netHourlyRate > 0 ? 'pos' : p.netHourlyRate < 0 ? 'neg' : ''}`} data-testid="open-carry">
            {`${p.netHourlyRate > 0 ? '+' : ''}${(p.netHourlyRate * 100).toFixed(4)} %/h`}
            <span className="sub">{`${carryPerHourUsd < 0 ? '−' : ''}$${Math.abs(carryPerHourUsd).toFixed(2)}/h`}</span>
          </span>
        </div>
        <div>
          <span className="label">Margin used</span>
          <span className="value" data-testid="open-margin">
            {usdText(p.marginUsedUsd)}
            <span className="sub">at {p.leverage}×</span>
          </span>
        </div>
        <div>
          <span className="label">Fees (both legs)</span>
          <span className="value">{usdText(String(Number(p.long.feeUsd) + Number(p.short.feeUsd)))}</span>
        </div>
      </div>
    </div>
  );
}

function OpenPairBody({ target }: { target: OpenPairTarget }): React.JSX.Element {
  const api = useApi();
  const run = useCommand();
  const hide = useControlsStore((s) => s.hideOpenPair);
  const defaultNotional = useAppStore((s) => s.settings?.trading.notionalPerPairUsd ?? null);
  const trading = useAppStore((s) => s.tradingState);
  const [notional, setNotional] = useState(defaultNotional === null ? '' : String(defaultNotional));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ code: ApiErrorCode; message: string } | null>(null);
  const [loading, setLoading] = useState(true);
  const [sending, setSending] = useState(false);
  const state = trading?.state ?? 'ACTIVE';
  const blocked = state !== 'ACTIVE';
  const trimmed = notional.trim();

  useEffect(() => {
    let live = true;
    setLoading(true);
    const t = setTimeout(() => {
      const req = trimmed === '' ? target : { ...target, notionalUsd: trimmed };
      void api.query('pairs.preview', req).then(
        (r) => {
          if (!live) return;
          setLoading(false);
          if (r.ok) {
            setPreview(r.value);
            setError(null);
          } else {
            setPreview(null);
            const issues = r.error.issues?.map((i) => i.message).join('; ');
            setError({ code: r.error.code, message: issues === undefined || issues === '' ? r.error.message : `${r.error.message}: ${issues}` });
          }
        },
        (e: unknown) => {
          if (!live) return;
          setLoading(false);
          setPreview(null);
          setError({ code: 'UNAVAILABLE', message: `no answer from the core: ${e instanceof Error ? e.message : String(e)}` });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // The trading state is a dependency: a resume makes a preview the gate refused possible.
  }, [api, target, trimmed, state]);

  const confirm = async (): Promise<void> => {
    setSending(true);
    const req = trimmed === '' ? target : { ...target, notionalUsd: trimmed };
    // The entry runs on after the answer; its outcome arrives as pairs.update (Positions).
    const r = await run('pairs.open', req, `Open ${target.symbol} pair`, 'entry started: follow it in Positions');
    setSending(false);
    if (r.ok) hide();
  };

  return (
    <Dialog title={`Open ${target.symbol} pair`} onClose={hide} testId="open-pair" wide>
      <p className="sub-head">
        long <span className="pos">{VENUE_NAME[target.longVenue]}</span> · short <span className="neg">{VENUE_NAME[target.shortVenue]}</span>
        {preview !== null && <> · maker on {VENUE_NAME[preview.long.role === 'maker' ? preview.long.venue : preview.short.venue]}, hedge on {VENUE_NAME[preview.long.role === 'maker' ? preview.short.venue : preview.long.venue]}</>}
      </p>
      {blocked && (
        <div className="blocked" data-testid="open-blocked" role="alert">
          <strong>Trading is {state}</strong>: {trading?.reason ?? ''}. No new pair opens until you resume trading.
        </div>
      )}
      <label className="field">
        <span>Notional per leg</span>
        <input data-testid="open-notional" value={notional} onChange={(e) => setNotional(e.target.value)} inputMode="decimal" aria-label="Notional per leg in USD" autoFocus />
        <span className="unit">USD</span>
        {loading && <span className="muted small">pricing…</span>}
      </label>
      {error !== null && (
        <div className="error" data-testid="open-preview-error">
          <code>{error.code}</code> {error.message}
        </div>
      )}
      {preview !== null && <PreviewView p={preview} />}
      <div className="dialog-actions">
        <span className="hint">{preview === null ? '' : `Prices as of ${new Date(preview.computedAtMs).toLocaleTimeString()}; the entry re-reads funding before it sends.`}</span>
        <button className="ghost" onClick={hide} data-testid="open-cancel">Cancel</button>
        <button onClick={() => void confirm()} disabled={blocked || preview === null || loading || sending} data-testid="open-confirm">
          {sending ? 'Opening…' : 'Confirm open'}
        </button>
      </div>
    </Dialog>
  );
}

/** Mounted once (App.tsx); shows while the screener asked for a pair's preview. */
export function OpenPairDialog(): React.JSX.Element | null {
  const target = useControlsStore((s) => s.openPair);
  if (target === null) return null;
  return <OpenPairBody key={`${target.symbol}:${target.longVenue}`} target={target} />;
}
