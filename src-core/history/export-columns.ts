// The ledger export's one column set (docs/EXPORT.md explains each column; a unit test holds the
// two together). One row per ledger event: a fill (`trade`) or a funding payment (`funding`).
// There is no separate fee row: every fee the ledger records belongs to a fill (fills.fee_usd),
// so it is that trade row's fee_usd, which is where tax tools' trade imports take a fee.

export const EXPORT_EVENT_TYPES = ['trade', 'funding'] as const;
export type ExportEventType = (typeof EXPORT_EVENT_TYPES)[number];

export const EXPORT_COLUMNS = [
  'timestamp_utc',
  'type',
  'venue',
  'symbol',
  'side',
  'size',
  'price',
  'amount_usd',
  'fee_usd',
  'realized_pnl_usd',
  'net_usd',
  'currency',
  'pair_seq',
  'leg',
  'position_side',
  'liquidity',
  'order_id',
  'client_order_id',
  'event_id',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** One exported event: a value per column, null where the column does not apply to its type. */
export type ExportRecord = Readonly<Record<ExportColumn, string | null>>;
