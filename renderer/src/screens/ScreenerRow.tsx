// One screener row. Memoised on primitive props and the row object: an off-window row is handed
// the row it drew last (screener-window.ts) and is skipped; within a live row each moving cell is
// its own memoised component, so a cell whose text did not change is not rendered again.
import { memo } from 'react';
import type { ScreenerRow as Row } from '../../../src-core/api/channels/screener';
import { apyPct, bps, breakeven, compactUsd, countdown, hourlyPct, signClass, sinceTime, usd } from '../format/numbers';
import { FlashTd } from '../components/FlashTd';

/** The venue's rate, or — while the adapter refuses its funding as implausible — when that began
 *  (the rate held is then only the last good one and is not shown as if current). Two lines
 *  either way, so every row keeps the one height the live window counts on. */
const Rate = memo(function Rate({ rate, settled, rejectedSinceMs, rejectedReason, nowMs, testId }: { rate: number | null; settled: number | null; rejectedSinceMs: number | null; rejectedReason: string | null; nowMs: number; testId: string }): React.JSX.Element {
  if (rejectedSinceMs !== null) {
    // nowMs is 0 unless rejected: the plain rate does not re-render every second. The title
    // holds the whole text where the column cuts it.
    return (
      <td className="num rejected" data-testid={testId} title={`funding rejected since ${sinceTime(rejectedSinceMs, nowMs)}: ${rejectedReason ?? ''}`}>
        <div className="cell">
          <div>funding rejected</div>
          <div className="sub">since {sinceTime(rejectedSinceMs, nowMs)}</div>
        </div>
      </td>
    );
  }
  return (
    <td className="num" data-testid={testId}>
      <div className="cell">
        <div className={signClass(rate)}>{hourlyPct(rate)}</div>
        <div className="sub">{hourlyPct(settled)}</div>
      </div>
    </td>
  );
});

/** Two stacked lines in one cell (countdowns, open hours and z). */
const Pair = memo(function Pair({ top, sub }: { top: string; sub: string }): React.JSX.Element {
  return (
    <td className="num">
      <div className="cell">
        <div>{top}</div>
        <div className="sub">{sub}</div>
      </div>
    </td>
  );
});

const Status = memo(function Status({ passed, gate, reason, testId }: { passed: boolean; gate: string | null; reason: string | null; testId: string }): React.JSX.Element {
  return (
    <td className="status" data-testid={testId} title={passed ? undefined : (reason ?? '')}>
      <div className="cell one">
        {passed ? <span className="chip pass">PASS</span> : <span className="chip reject" title={reason ?? ''}>{gate}</span>}
        {!passed && <span className="reason">{reason}</span>}
      </div>
    </td>
  );
});

export const ScreenerRow = memo(function ScreenerRow({ row, live, selected, nowSec, holdHours, onOpen }: { row: Row; live: boolean; selected: boolean; nowSec: number; holdHours: number | null; onOpen: (s: string) => void }): React.JSX.Element {
  const now = nowSec * 1000;
  const be = breakeven(row.breakevenHours, holdHours);
  const s = row.symbol;
  return (
    <tr className={`${selected ? 'selected' : ''} ${row.passed ? 'passing' : ''}`} data-testid={`row-${s}`} aria-selected={selected} onClick={() => onOpen(s)}>
      <td className="sym">{s}</td>
      <td className="venues">
        <span className="long">{row.longVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
        <span className="muted"> / </span>
        <span className="short">{row.shortVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
      </td>
      <Rate rate={row.lighterHourlyRate} settled={row.lighterSettledHourlyRate} rejectedSinceMs={row.lighterFundingRejectedSinceMs} rejectedReason={row.lighterFundingRejectedReason} nowMs={row.lighterFundingRejectedSinceMs !== null ? now : 0} testId={`rate-lighter-${s}`} />
      <Rate rate={row.extendedHourlyRate} settled={row.extendedSettledHourlyRate} rejectedSinceMs={row.extendedFundingRejectedSinceMs} rejectedReason={row.extendedFundingRejectedReason} nowMs={row.extendedFundingRejectedSinceMs !== null ? now : 0} testId={`rate-extended-${s}`} />
      <FlashTd className={`num strong ${signClass(row.netApy)}`} text={apyPct(row.netApy)} live={live} />
      <Pair top={countdown(row.lighterNextFundingMs, now)} sub={countdown(row.extendedNextFundingMs, now)} />
      <FlashTd className="num" testId={`entry-cost-${s}`} text={bps(row.entryCostBps)} live={live} />
      <FlashTd className={`num ${signClass(row.expectedValueUsd)}`} testId={`ev-${s}`} text={usd(row.expectedValueUsd)} live={live} />
      <FlashTd className="num" testId={`breakeven-${s}`} text={be.text} title={be.title} live={live} />
      <td className="num" data-testid={`capacity-${s}`}>{compactUsd(row.capacityUsd)}</td>
      <Pair top={String(row.spreadOpenHours)} sub={`z ${row.stabilityZ.toFixed(1)}`} />
      <Status passed={row.passed} gate={row.rejectGate} reason={row.rejectReason} testId={`status-${s}`} />
    </tr>
  );
});
