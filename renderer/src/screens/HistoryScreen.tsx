/** History (nav 3): closed pairs and the ledger export. */
export function HistoryScreen(): React.JSX.Element {
  return <div className="empty">No closed pairs yet.</div>;
}
