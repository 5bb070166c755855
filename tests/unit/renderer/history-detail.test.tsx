// A History row click opens that pair's PairDetail: the row's onClick selects the pair in the
// history store and HistoryScreen then renders PairDetail for it (pair 0 included: Lighter's ETH
// market is 0 and a pairSeq may be too). The repo has no DOM test library, so the click is the
// row element's own onClick prop and the screen is rendered to markup (effects do not run there,
// so no query reaches the stub client). A server render reads a zustand store's initial state
// (its server snapshot, the object made at create), so each render copies the current state
// into that object first, and the test puts the original values back after.
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryRow, HistoryTotals } from '../../../src-core/api/channels/history';
import type { ApiClient } from '../../../renderer/src/api/client';
import { ApiContext } from '../../../renderer/src/api/context';
import { HistoryTable } from '../../../renderer/src/history/HistoryTable';
import { HistoryScreen } from '../../../renderer/src/screens/HistoryScreen';
import { useHistoryStore } from '../../../renderer/src/store/ui-history';

const pnl = { realizedPnlUsd: '1.5', fundingReceivedUsd: '0.25', fundingPaidUsd: '0', feesUsd: '0.1', netUsd: '1.65' };
const row = (pairSeq: number, symbol: string): HistoryRow =>
  ({ pairSeq, symbol, longVenue: 'lighter', shortVenue: 'extended', state: 'closed', openedAtMs: 1_000, closedAtMs: 3_601_000, holdMs: 3_600_000, closeReason: 'closed by the trader', targetSize: '0.5', pnl }) as unknown as HistoryRow;
const rows = [row(0, 'ETH'), row(3, 'BTC')];
const totals: HistoryTotals = { ...pnl, pairCount: 2 } as HistoryTotals;

/** The element in a rendered tree whose data-testid is `id` (function components not expanded). */
function byTestId(node: ReactNode, id: string): ReactElement<Record<string, unknown>> | null {
  if (Array.isArray(node)) {
    for (const n of node as ReactNode[]) {
      const hit = byTestId(n, id);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (!isValidElement<Record<string, unknown>>(node)) return null;
  if (node.props['data-testid'] === id) return node;
  return byTestId(node.props.children as ReactNode, id);
}

const initial = useHistoryStore.getInitialState();
const initialCopy = { ...initial };
const screen = (): string => {
  Object.assign(initial, useHistoryStore.getState());
  return renderToStaticMarkup(
    <ApiContext.Provider value={{} as ApiClient}>
      <HistoryScreen />
    </ApiContext.Provider>,
  );
};

afterEach(() => {
  Object.assign(initial, initialCopy);
  useHistoryStore.setState(initialCopy);
});

describe('History row → PairDetail', () => {
  it('a row click selects that pair and the screen opens its detail; closing it clears the selection', () => {
    useHistoryStore.setState({ rows, totals, next: null, error: null, loading: false, selectedPairSeq: null });
    expect(screen()).not.toContain('data-testid="pair-detail"');

    const table = HistoryTable({ rows, totals, selected: null, onSelect: useHistoryStore.getState().select });
    (byTestId(table, 'history-row-3')!.props.onClick as () => void)();
    expect(useHistoryStore.getState().selectedPairSeq).toBe(3);
    let html = screen();
    expect(html).toContain('data-testid="pair-detail"');
    expect(html).toContain('aria-label="pair 3 details"');
    expect(html).toContain('class="clickable selected"');

    // Pair 0 is a pair, not "none".
    (byTestId(table, 'history-row-0')!.props.onClick as () => void)();
    expect(useHistoryStore.getState().selectedPairSeq).toBe(0);
    html = screen();
    expect(html).toContain('aria-label="pair 0 details"');
    expect(html).not.toContain('aria-label="pair 3 details"');

    useHistoryStore.getState().select(null);
    expect(screen()).not.toContain('data-testid="pair-detail"');
  });

  it('Enter on a focused row opens it too', () => {
    useHistoryStore.setState({ rows, totals, selectedPairSeq: null });
    const table = HistoryTable({ rows, totals, selected: null, onSelect: useHistoryStore.getState().select });
    (byTestId(table, 'history-row-0')!.props.onKeyDown as (e: { key: string }) => void)({ key: 'Enter' });
    expect(useHistoryStore.getState().selectedPairSeq).toBe(0);
    expect(screen()).toContain('aria-label="pair 0 details"');
  });
});
