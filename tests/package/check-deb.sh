#!/usr/bin/env bash
# Builds the .deb with cpack in BUILD_DIR and checks it (issue 10): control fields (dpkg-deb -I),
# the file list (dpkg-deb -c), that apt could resolve every dependency on this Debian, and that the
# kiosk unpacked into a fresh root (dpkg-deb -x) runs: `dangqun-kiosk --version`.
# Usage: check-deb.sh BUILD_DIR   (the binaries, sample media and voice prompts must be built)
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

( cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/dangqun-kiosk_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$work/cpack.log"; fail "no dangqun-kiosk_*.deb written"; }
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# --- control fields ---
info=$(dpkg-deb -I "$deb")
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = dangqun-kiosk ] || fail "Package: $(field Package)"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Version)" ] || fail "no Version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
for dep in cage xwayland qt6-wayland fonts-noto-cjk qml6-module-qtquick qml6-module-qtquick-controls \
           qml6-module-qtqml qml6-module-qtcore qml6-module-qtquick-shapes \
           qml6-module-qt-labs-folderlistmodel pulseaudio libpam-systemd \
           qml6-module-qtquick-layouts qml6-module-qtmultimedia qml6-module-qtquick-virtualkeyboard \
           gstreamer1.0-plugins-good gstreamer1.0-libav libqt6sql6-sqlite adduser \
           libqt6core6 libqt6quick6 libzxing libsodium23 libxlsxwriter; do
  # shlibdeps adds the libraries (libqt6core6, libzxing2, ...) with versions; we add the rest.
  echo "$depends" | tr ',' '\n' | sed 's/^ *//' | grep -q "^$dep" || fail "Depends lacks $dep: $depends"
done
for script in postinst prerm postrm conffiles; do
  echo "$info" | grep -qE "^ +[0-9]+ bytes, +[0-9]+ lines +\*? *$script" || fail "control lacks $script"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/dangqun-kiosk/kiosk.ini || fail "kiosk.ini is not a conffile"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./postinst > "$work/postinst"
sh -n "$work/postinst" || fail "postinst has a syntax error"
grep -q "adduser --system" "$work/postinst" || fail "postinst does not create the kiosk user"

# --- file list ---
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/dangqun-kiosk ./usr/bin/dangqun-admin ./etc/dangqun-kiosk/kiosk.ini \
         ./etc/dangqun-kiosk/trusted-issuers/ ./lib/systemd/system/dangqun-kiosk.service \
         ./usr/share/dangqun-kiosk/media/videos.json ./usr/share/dangqun-kiosk/voice/ok.wav \
         ./usr/share/dangqun-kiosk/voice/fail.wav ./usr/share/dangqun-kiosk/voice/aim.wav \
         ./usr/share/dangqun-kiosk/samples/content/announcements/announcements.json \
         ./usr/share/dangqun-kiosk/samples/roster.csv \
         ./usr/share/doc/dangqun-kiosk/examples/share-smb/dangqun-share.automount \
         ./usr/share/doc/dangqun-kiosk/examples/share-nfs/dangqun-share.mount \
         ./usr/lib/dangqun-kiosk/kiosk-session ./usr/lib/dangqun-kiosk/kiosk-client \
         ./etc/pam.d/dangqun-kiosk ./usr/share/doc/dangqun-kiosk/copyright \
         ./usr/share/doc/dangqun-kiosk/changelog.gz; do
  echo "$files" | grep -qxF "$f" || fail "package lacks $f"
done
# Nothing of the build or test tree leaks in.
if echo "$files" | grep -E '/tst_|/bench_|CMakeFiles|\.o$'; then fail "test or build files in the package"; fi

# --- dependencies resolvable on this Debian (apt's simulation; no root needed) ---
if command -v apt-get >/dev/null && [ -n "$(ls /var/lib/apt/lists/*_Packages* 2>/dev/null | head -1)" ]; then
  apt-get -s -qq install "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt cannot install the package"; }
  echo "apt: dependencies resolvable"
else
  echo "apt: no package lists, dependency resolution not checked"
fi

# --- unpacked into a fresh root, the kiosk runs ---
dpkg-deb -x "$deb" "$work/root"
version=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" "$work/root/usr/bin/dangqun-kiosk" --version 2>"$work/stderr") \
  || { cat "$work/stderr"; fail "dangqun-kiosk --version: $version"; }
echo "$version" | grep -qx "dangqun-kiosk $(field Version)" || fail "unexpected version output: $version"
"$work/root/usr/bin/dangqun-admin" --version >/dev/null 2>&1 || fail "dangqun-admin --version"
echo "unpacked: $version"
echo "OK"
