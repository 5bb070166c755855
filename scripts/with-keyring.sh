#!/bin/bash
# usage: dbus-run-session -- scripts/with-keyring.sh <cmd...>
# Starts an unlocked, throwaway gnome-keyring so @napi-rs/keyring talks to a real Secret Service.
set -e
export XDG_DATA_HOME="$(mktemp -d)"   # never touches the user's real keyrings
# echo's newline is the empty password; printf '' leaves the login keyring uncreated.
eval "$(echo | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
