// One Content-Security-Policy for every way the UI is served. The desktop renderer talks only
// over IPC, so it may not open sockets; the browser build needs its one WebSocket to loopback.
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const LOOPBACK_WS_SOURCES = ['ws://127.0.0.1:*', 'ws://localhost:*'] as const;
