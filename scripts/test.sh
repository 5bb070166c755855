#!/bin/bash
# The README's test command. Runs every vitest suite once and ends with the plain closing line
# CI reads: "vitest: N passed, N failed, N skipped". When a D-Bus session and gnome-keyring are
# installed but not running, it re-runs itself inside a throwaway session so the keychain tests
# use a real Secret Service (see scripts/with-keyring.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${FUNDINGBOT_IN_KEYRING:-}" ] \
   && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export FUNDINGBOT_IN_KEYRING=1
  exec dbus-run-session -- bash scripts/with-keyring.sh bash scripts/test.sh "$@"
fi

report="$(mktemp -t vitest-report.XXXXXX.json)"
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
if [ -s "$report" ]; then
  node -e 'const r=require(process.argv[1]);console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests+r.numTodoTests} skipped`)' "$report"
else
  echo "vitest: 0 passed, 1 failed"
  status=1
fi
rm -f "$report"
exit $status
