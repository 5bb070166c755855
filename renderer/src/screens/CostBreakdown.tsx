// The detail view's cost table: what the expected value subtracts, leg by leg (the core's
// screener.explain `costs`, built by host/projections/screener-costs.ts from the same numbers).
import type { CostBreakdown as Costs } from '../../../src-core/api/channels/screener-costs';
import { usd } from '../format/numbers';
import './screener-ux.css';

const venueName = (v: string): string => (v === 'lighter' ? 'Lighter' : 'Extended');
const feeBps = (rate: number): string => `${(rate * 10_000).toFixed(2)} bps`;
const fracPct = (f: number | null): string => (f === null ? '—' : `${(f * 100).toFixed(3)} %`);

export function CostBreakdown({ costs }: { costs: Costs }): React.JSX.Element {
  const { entry, exit } = costs;
  return (
    <table className="gates costs" data-testid="cost-breakdown">
      <thead>
        <tr>
          <th className="left">Cost at {usd(costs.notionalUsd, 0)} a leg</th>
          <th className="left">How</th>
          <th className="right">USD</th>
        </tr>
      </thead>
      <tbody>
        {[entry.makerLeg, entry.hedgeLeg].map((leg) => (
          <tr key={leg.venue} data-testid={`cost-entry-fee-${leg.venue}`}>
            <td>Entry fee, {venueName(leg.venue)}</td>
            <td className="muted">
              {leg.role} at {feeBps(leg.feeRate)}
            </td>
            <td className="num">{usd(leg.feeUsd, 4)}</td>
          </tr>
        ))}
        <tr data-testid="cost-entry-spread">
          <td>Entry spread</td>
          <td className="muted">{fracPct(entry.spreadFraction)} across the books at the size{entry.spreadFraction !== null && entry.spreadFraction < 0 ? ' (a credit the EV does not count)' : ''}</td>
          <td className="num">{usd(entry.spreadUsd, 4)}</td>
        </tr>
        <tr className="subtotal" data-testid="cost-entry-total">
          <td>Entry</td>
          <td className="muted">{entry.totalBps === null ? '—' : `${entry.totalBps.toFixed(1)} bps of the notional`}</td>
          <td className="num">{usd(entry.totalUsd, 4)}</td>
        </tr>
        <tr data-testid="cost-exit-fees">
          <td>Exit fees</td>
          <td className="muted">
            {venueName(entry.makerLeg.venue)} maker with p = {exit.makerProbability.toFixed(2)} ({usd(exit.makerVenueFeeUsd, 4)}), {venueName(entry.hedgeLeg.venue)} ({usd(exit.hedgeVenueFeeUsd, 4)})
          </td>
          <td className="num">{usd(exit.makerVenueFeeUsd + exit.hedgeVenueFeeUsd, 4)}</td>
        </tr>
        <tr data-testid="cost-exit-spread">
          <td>Exit spread</td>
          <td className="muted">crossing back at the size</td>
          <td className="num">{usd(exit.spreadUsd, 4)}</td>
        </tr>
        <tr className="subtotal" data-testid="cost-total">
          <td>Total (entry + exit)</td>
          <td className="muted">what the EV subtracts</td>
          <td className="num">{usd(costs.totalUsd, 4)}</td>
        </tr>
      </tbody>
    </table>
  );
}
