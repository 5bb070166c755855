// The headless host opens the page as http://127.0.0.1:PORT/?token=T. The token is taken out of
// the address bar on first load so it does not stay in the history, a bookmark, a screenshot or
// a copied link; the host has already set it as an HttpOnly cookie, which authenticates reloads
// and the WebSocket (a reload without ?token reads the cookie, see src-core/host/http-guard.ts).

export interface TokenLocation {
  readonly href: string;
}

export interface TokenHistory {
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/** Returns the URL's token (null without one) and rewrites the current entry without it. */
export function takeUrlToken(location: TokenLocation, history: TokenHistory): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  return token;
}
