/** Positions (nav 2): open pairs and their pair detail. */
export function PositionsScreen(): React.JSX.Element {
  return <div className="empty">No open pairs.</div>;
}
