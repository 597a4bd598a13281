#!/usr/bin/env bash
# README command (1): install what is missing, build, and start the kiosk in demo mode
# (embedded SQLite, a local folder as the share, sample content). Extra arguments go to the
# kiosk, e.g. --screenshots DIR or --fullscreen.
set -euo pipefail
cd "$(dirname "$0")/.."

bash kiosk-config/install-deps.sh
cmake --preset release
cmake --build --preset release --target dangqun-kiosk dangqun-admin

kiosk=build/release/app/dangqun-kiosk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [[ " $* " != *" --screenshots "* ]]; then
  # A machine without a display (a server, CI): run in a virtual X server.
  echo "run-demo: no display found, starting the kiosk under xvfb-run (1080x1920)"
  exec xvfb-run -a -s "-screen 0 1080x1920x24" "$kiosk" --demo "$@"
fi
exec "$kiosk" --demo "$@"
