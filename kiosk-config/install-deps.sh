#!/usr/bin/env bash
# Installs exactly what building, running and testing the kiosk needs on Debian 12 or 13.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
set -euo pipefail

PACKAGES=(
  # toolchain; clang + compiler-rt for the libFuzzer targets (tests/fuzz)
  build-essential cmake ninja-build pkg-config git ca-certificates clang libclang-rt-14-dev
  # Qt 6.4 (Debian): core, quick, sql, multimedia, virtual keyboard, wayland for cage
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-multimedia-dev qt6-virtualkeyboard-dev qt6-virtualkeyboard-plugin qt6-wayland
  qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-shapes
  qml6-module-qtmultimedia qml6-module-qttest qml6-module-qtquick-virtualkeyboard
  qml6-module-qt-labs-folderlistmodel qml6-module-qtcore
  qt6-charts-dev qml6-module-qtcharts
  # libraries
  libzxing-dev libsodium-dev libxlsxwriter-dev libgooglepinyin0-dev libgl-dev
  # merge imports through SQLite's C API (the library Qt's QSQLITE driver already uses)
  libsqlite3-dev
  # media: GStreamer backend of Qt Multimedia (H.264/AAC via libav), sample generation
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  ffmpeg espeak-ng sox
  # fonts: without a CJK font Chinese renders as boxes
  fonts-noto-cjk
  # headless runs and tests: X server, audio null sink, image tools, sqlite CLI
  xvfb xauth pulseaudio imagemagick sqlite3
  # staff exports (issue 9): the tests read the XLSX back with an independent reader
  python3-openpyxl
  # sync tests (issue 8): a real SMB share on 127.0.0.1 (smbd), mounted through FUSE (smbnetfs),
  # smbclient as the fallback when FUSE cannot mount
  samba smbclient smbnetfs fuse3
  # the .deb (issue 18): CPack's DEB generator needs `file`; lintian checks it; the install test
  # bootstraps a clean Debian 12 (debootstrap) and runs the kiosk as the unit does, under cage
  # (xwayland) with wlroots' headless backend, screenshots it (grim) and listens for sd_notify
  # (socat)
  file lintian debootstrap cage xwayland grim socat
)

# Debian 13 (trixie) beside Debian 12 (README "Which Debian"): the list above under the names of
# the release this machine runs, chosen by /etc/os-release.
VERSION_CODENAME=""
[ -r /etc/os-release ] && . /etc/os-release
case "$VERSION_CODENAME" in
  bookworm) ;;
  trixie)
    for i in "${!PACKAGES[@]}"; do
      case "${PACKAGES[$i]}" in
        libclang-rt-14-dev) PACKAGES[$i]=libclang-rt-19-dev ;; # clang 19 is trixie's clang
      esac
    done
    # trixie's xlsxwriter.pc names minizip and libcrypto (Requires.private) without depending
    # on their -dev packages, so pkg-config refuses it until they are there.
    PACKAGES+=(libminizip-dev libssl-dev)
    # CPack's dpkg-shlibdeps step calls file(1), which a minimal trixie root lacks.
    PACKAGES+=(file)
    ;;
  *) echo "install-deps: made for Debian 12 (bookworm) and 13 (trixie), this is '${VERSION_CODENAME:-unknown}': trying Debian 12's names" >&2 ;;
esac

# Office analytics (issue 19): tst_mergeduckdb installs DuckDB's Node binding with npm. Debian's
# nodejs and npm, unless a Node.js with its own npm is already there (NodeSource's nodejs bundles
# npm and conflicts with Debian's npm package: apt would refuse the whole install).
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
