// The only places the app may send the user's browser to (shell.openExternal). The renderer
// never opens a URL itself: a link it asks for goes through the window-open handler, and
// anything not listed here is refused and logged. Hosts (shared/venues.md): Lighter's block
// explorer, and Extended's own domain (its API lives under api.starknet.extended.exchange).
export const EXTERNAL_HOSTS: readonly string[] = ['explorer.elliot.ai', 'extended.exchange'];

/** https only, default port, no credentials in the URL, host exactly on the list. */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.includes(u.hostname);
}
