// IPC is answered only for our own page in the main frame: an iframe or a page the window was
// somehow navigated to must not reach the trading core.
export interface SenderInfo {
  readonly url: string | null | undefined;
  readonly isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo, appEntryUrl: string): boolean {
  if (!sender.isMainFrame || typeof sender.url !== 'string') return false;
  let given: URL;
  let expected: URL;
  try {
    given = new URL(sender.url);
    expected = new URL(appEntryUrl);
  } catch {
    return false;
  }
  if (given.protocol !== expected.protocol) return false;
  if (given.protocol === 'file:') return given.pathname === expected.pathname;
  // Host, not origin: a custom scheme such as app:// has the opaque origin "null" in the URL
  // standard, which would make every app:// host equal. host includes the port.
  return given.host === expected.host && given.username === '' && given.password === '';
}
