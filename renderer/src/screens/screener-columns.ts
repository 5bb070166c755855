// The screener's columns, with fixed widths: the table is laid out with `table-layout: fixed`
// (screener-table.css), so a cell's new text, or a row coming into the live window
// (screener-window.ts), never moves a column; Status takes the rest of the width.
import type { SortKey } from '../store/ui-screener';

export interface Column {
  readonly key: SortKey | null;
  readonly label: string;
  readonly title: string;
  readonly align: 'left' | 'right';
  /** Width in CSS pixels, room for the widest value and for the header with its sort arrow;
   *  null: the rest of the table. */
  readonly widthPx: number | null;
}

export const COLUMNS: readonly Column[] = [
  { key: 'symbol', label: 'Symbol', title: 'Base asset', align: 'left', widthPx: 92 },
  { key: null, label: 'Long / Short', title: 'Long venue / short venue of the better direction', align: 'left', widthPx: 112 },
  { key: 'lighterHourlyRate', label: 'Lighter %/h', title: 'Lighter predicted funding, percent per hour (settled below)', align: 'right', widthPx: 128 },
  { key: 'extendedHourlyRate', label: 'Extended %/h', title: 'Extended predicted funding, percent per hour (settled below)', align: 'right', widthPx: 128 },
  { key: 'netApy', label: 'Net APY %', title: 'Net carry of the pair, annualised (hourly × 8 760)', align: 'right', widthPx: 104 },
  { key: null, label: 'Funding in', title: 'Time to the next settlement on Lighter / Extended', align: 'right', widthPx: 104 },
  { key: 'entryCostBps', label: 'Entry bps', title: 'Entry cost: fees plus cross-venue spread and slippage at the default size', align: 'right', widthPx: 100 },
  { key: 'expectedValueUsd', label: 'EV $', title: 'Expected value over the hold horizon at the default size', align: 'right', widthPx: 92 },
  { key: 'breakevenHours', label: 'B/E', title: 'Hours of carry to pay back entry and exit costs; "never" when that is later than the hold', align: 'right', widthPx: 76 },
  { key: 'capacityUsd', label: 'Capacity', title: 'Largest notional within the slippage budget on both books', align: 'right', widthPx: 96 },
  { key: 'spreadOpenHours', label: 'Open h', title: 'Hours the spread has stayed above the APY threshold; z-score of now vs history', align: 'right', widthPx: 80 },
  { key: 'status', label: 'Status', title: 'Passes all gates, or the first gate that rejects', align: 'left', widthPx: null },
];
