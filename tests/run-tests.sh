#!/usr/bin/env bash
# README command (2): install what is missing, build, and run every test (ctest).
# Used as-is by CI (.ci/run). Works on a fresh Debian 12 as root.
set -euo pipefail
cd "$(dirname "$0")/.."

bash kiosk-config/install-deps.sh
cmake --preset release
cmake --build --preset release
# No display, audio or services are assumed: tests run offscreen and start what they need.
ctest --preset release
