#!/usr/bin/env bash
# The .deb tested the way it is used (issue 18): installed with apt into a clean minimal Debian 12
# root (debootstrap --variant=minbase bookworm, from the mirror this machine's apt uses; cached
# under /var/cache/dangqun-test, copied fresh for each run), then, inside it, from the installed
# paths only:
#   1. apt installs the package (Depends resolve, postinst runs); kiosk.ini 0640 root:kiosk, also
#      after `dangqun-admin set-pin`; the kiosk user in the render and input groups; lintian
#      reports no error
#   2. `dangqun-kiosk --version` and `--help` with no display at all
#   3. `--screenshots DIR` of every page with the installed configuration (offscreen), and
#      `--demo` finding its sample videos in /usr/share (no build tree in the root)
#   4. the kiosk started with the unit's own ExecStart and Environment= as the kiosk user, under
#      cage with wlroots' headless backend (kiosk/rotation=90: a 720x1280 portrait output); it
#      sends READY=1 and WATCHDOG=1 to a NOTIFY_SOCKET this test listens on; a grim screenshot
#      of the output is not blank; the kiosk killed with SIGSEGV makes the service's main process
#      fail (Restart=on-failure restarts it)
#   5. a voice prompt the package installed, played with Qt (play_prompt, QSoundEffect as the scan
#      page uses) inside the root, reaches a PulseAudio null sink: its monitor records sound
# Pictures are kept in BUILD_DIR/install-test/ (home.png: the cage screenshot).
# Usage (as root): install-test.sh BUILD_DIR SOURCE_DIR PLAY_PROMPT
#   DANGQUN_TEST_DEB=file.deb  test that package instead of building one with cpack
# Exit 77 (skipped) when not root.
set -euo pipefail
build=$(cd "${1:?usage: install-test.sh BUILD_DIR SOURCE_DIR PLAY_PROMPT}" && pwd)
src=$(cd "${2:?}" && pwd)
play_prompt=${3:?}
. "$src/tests/install/debian-root.sh"

fail() { echo "FAIL: $*" >&2; exit 1; }
t0=$SECONDS
step() { echo "[$((SECONDS - t0)) s] $*"; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (debootstrap, chroot, mounts)"; exit 77; }
for tool in debootstrap socat identify sox parec lintian cpack; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (kiosk-config/install-deps.sh)"
done

out=$build/install-test
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d /var/tmp/dangqun-install.XXXXXX)
root=$work/root
listener=""
parec_pid=""
cleanup() {
  set +e
  [ -n "$listener" ] && kill "$listener" 2>/dev/null
  [ -n "$parec_pid" ] && kill "$parec_pid" 2>/dev/null
  debian_root_cleanup "$root"
  grep -q " $work/" /proc/mounts || rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# Waits up to $1 seconds (generous: the machine may be loaded) for the command to succeed.
wait_for() {
  local limit=$1 i
  shift
  for ((i = 0; i < limit * 5; i++)); do "$@" && return 0; sleep 0.2; done
  return 1
}

# --- the package ---
deb=${DANGQUN_TEST_DEB:-}
if [ -z "$deb" ]; then
  step "cpack"
  (cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
  deb=$(ls "$work"/out/dangqun-kiosk_*.deb | head -1)
fi
[ -f "$deb" ] || fail "no package: $deb"
step "package $(basename "$deb"); lintian"
lintian --tag-display-limit 0 "$deb" >"$out/lintian.txt" 2>&1 || true
if grep -E '^E: ' "$out/lintian.txt"; then fail "lintian reports errors (see $out/lintian.txt)"; fi

# --- a clean minimal Debian 12 ---
step "root: $(debian_mirror)"
debian_root_prepare "$root"
debian_root_mount "$root"
cp "$deb" "$root/tmp/kiosk.deb"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# As the unit runs it: user and group kiosk with its supplementary groups, HOME from passwd.
as_kiosk() {
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/dangqun-kiosk LANG=C.UTF-8 \
    setpriv --reuid=kiosk --regid=kiosk --init-groups "$@"
}
apt_install() {
  # --force-unsafe-io: no fsync per file (a throw-away root; halves the time on a busy machine).
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-unsafe-io "$@" \
    >>"$out/apt.log" 2>&1 || { tail -30 "$out/apt.log"; fail "apt-get install $*"; }
}
in_root apt-get update -q >"$out/apt.log" 2>&1 || { cat "$out/apt.log"; fail "apt-get update in the root"; }
step "apt install ./$(basename "$deb") (Depends only, no Recommends)"
apt_install /tmp/kiosk.deb
in_root dpkg-query -W -f='${Status}\n' dangqun-kiosk | grep -qx "install ok installed" || fail "not installed"
perm=$(in_root stat -c '%a %U %G' /etc/dangqun-kiosk/kiosk.ini)
[ "$perm" = "640 root kiosk" ] || fail "kiosk.ini is $perm, want 640 root kiosk (it holds the PIN hash)"
for g in render input video audio; do
  in_root id -nG kiosk | tr ' ' '\n' | grep -qx "$g" || fail "kiosk is not in group $g: $(in_root id -nG kiosk)"
done
# The staff PIN as the README says; kiosk.ini keeps its owner, group and mode (the kiosk reads
# it in every step below).
echo 802417 | in_root dangqun-admin set-pin --config /etc/dangqun-kiosk/kiosk.ini >"$out/set-pin.log" 2>&1 \
  || { cat "$out/set-pin.log"; fail "dangqun-admin set-pin"; }
perm=$(in_root stat -c '%a %U %G' /etc/dangqun-kiosk/kiosk.ini)
[ "$perm" = "640 root kiosk" ] || fail "after set-pin kiosk.ini is $perm, want 640 root kiosk"
[ -f "$root/etc/pam.d/dangqun-kiosk" ] || fail "no /etc/pam.d/dangqun-kiosk"
grep -qx "PAMName=dangqun-kiosk" "$root/lib/systemd/system/dangqun-kiosk.service" || fail "the unit does not use its PAM service"

# --- --version and --help with no display ---
step "--version, --help with no display"
version=$(in_root dangqun-kiosk --version 2>"$out/version.err") || { cat "$out/version.err"; fail "--version without a display"; }
[ "$version" = "dangqun-kiosk $(dpkg-deb -f "$deb" Version)" ] || fail "--version printed: $version"
in_root dangqun-kiosk --help >"$out/help.txt" 2>&1 || { cat "$out/help.txt"; fail "--help without a display"; }
grep -q -- "--config" "$out/help.txt" && grep -q -- "--fullscreen" "$out/help.txt" || fail "--help lacks the options"

# --- screenshots of every page, and the demo, from the installed files ---
step "--screenshots (installed configuration)"
mkdir -m 0777 "$root/tmp/shots"
as_kiosk dangqun-kiosk --screenshots /tmp/shots >"$out/screenshots.log" 2>&1 || { tail -40 "$out/screenshots.log"; fail "--screenshots"; }
if grep -E "is not installed|module .* not found|Cannot load library" "$out/screenshots.log"; then fail "a module is missing"; fi
shots=$(ls "$root/tmp/shots"/*.png | wc -l)
grep -q "^$shots screenshots written" "$out/screenshots.log" || fail "screenshots: $(tail -3 "$out/screenshots.log")"
# Every page in both orientations plus 大字模式 (16 today: 7 pages x 2 + 2).
[ "$shots" -ge 16 ] || fail "only $shots screenshots"
for f in "$root"/tmp/shots/*-portrait.png; do
  [ -f "${f%-portrait.png}-landscape.png" ] || fail "$(basename "$f") has no landscape twin"
done
cp "$root/tmp/shots/home-portrait.png" "$out/screenshot-home-portrait.png"
step "$shots screenshots; --demo"
as_kiosk env HOME=/tmp/demo-home dangqun-kiosk --demo --data-dir /tmp/demo --screenshots /tmp/demo-shots \
  >"$out/demo.log" 2>&1 || { tail -40 "$out/demo.log"; fail "--demo"; }
[ -f "$root/tmp/demo/media/videos.json" ] || { tail -40 "$out/demo.log"; fail "--demo did not find its sample videos"; }
ls "$root"/tmp/demo/media/*.mp4 >/dev/null 2>&1 || fail "--demo copied no sample video"

# --- the kiosk as the unit runs it, under cage (headless) ---
unit=$root/lib/systemd/system/dangqun-kiosk.service
read -r -a execstart <<<"$(sed -n 's/^ExecStart=//p' "$unit")"
unit_env=()
while IFS= read -r line; do unit_env+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit")
step "cage: ${execstart[*]} (${unit_env[*]})"
# A portrait kiosk on the headless backend's 1280x720 output: turned by kiosk/rotation.
sed -i 's/^rotation=.*/rotation=90/' "$root/etc/dangqun-kiosk/kiosk.ini"
install -d -m 0755 "$root/run/dangqun-test"
notify=$root/run/dangqun-test/notify
socat -u "UNIX-RECV:$notify,perm=0666" "OPEN:$work/notify.log,creat,append" &
listener=$!
wait_for 10 test -S "$notify" || fail "the notify listener did not start"
install -d -m 0700 -o "$(in_root id -u kiosk)" "$root/tmp/xdg-kiosk"
as_kiosk env "${unit_env[@]}" XDG_RUNTIME_DIR=/tmp/xdg-kiosk \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
  NOTIFY_SOCKET=/run/dangqun-test/notify WATCHDOG_USEC=30000000 \
  "${execstart[@]}" >"$out/session.log" 2>&1 &
session=$!
notified() { grep -aq "$1" "$work/notify.log" 2>/dev/null; }
wait_for 180 notified READY=1 || { tail -40 "$out/session.log"; fail "no READY=1 from the kiosk under cage"; }
step "READY=1"
wait_for 60 notified WATCHDOG=1 || { tail -40 "$out/session.log"; fail "no WATCHDOG=1"; }
step "WATCHDOG=1; grim"
apt_install grim
# The first frames may still be coming: shoot until the picture is not uniform (up to 60 s).
shot_ok() {
  as_kiosk env XDG_RUNTIME_DIR=/tmp/xdg-kiosk WAYLAND_DISPLAY=wayland-0 grim /tmp/home.png 2>>"$out/grim.log" || return 1
  cp "$root/tmp/home.png" "$out/home.png"
  local sd
  sd=$(identify -format '%[fx:standard_deviation]' "$out/home.png")
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }'
}
wait_for 60 shot_ok || { tail -5 "$out/grim.log"; tail -40 "$out/session.log"; fail "the cage screenshot is blank or missing ($out/home.png)"; }
size=$(identify -format '%wx%h' "$out/home.png")
[ "$size" = 720x1280 ] || fail "screenshot is $size, want 720x1280 (rotation=90 of the 1280x720 output)"
# Full screen: no corner shows cage's empty (black) background.
for corner in 0,0 719,0 0,1279 719,1279; do
  px=$(convert "$out/home.png" -format "%[fx:int(255*p{$corner}.r)],%[fx:int(255*p{$corner}.g)],%[fx:int(255*p{$corner}.b)]" info:)
  [ "$px" != "0,0,0" ] || fail "corner $corner of the output is black: the kiosk is not full screen"
done
step "screenshot $size, sd $(identify -format '%[fx:standard_deviation]' "$out/home.png"); SIGSEGV"
kiosk_pid=""
for p in /proc/[0-9]*; do
  [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && [ "$(cat "$p/comm" 2>/dev/null)" = dangqun-kiosk ] && kiosk_pid=${p#/proc/}
done
[ -n "$kiosk_pid" ] || fail "no dangqun-kiosk process"
kill -SEGV "$kiosk_pid"
wait_for 60 eval '! kill -0 $session 2>/dev/null' || fail "the session did not end after the kiosk crashed"
status=0
wait "$session" || status=$?
[ "$status" != 0 ] || { tail -40 "$out/session.log"; fail "a crashed kiosk ends the service with status 0: never restarted"; }
step "kiosk SIGSEGV -> service main process exit $status (Restart=on-failure restarts)"

# --- a voice prompt reaches the sound server ---
install -d -m 0700 -o "$(in_root id -u kiosk)" "$root/tmp/xdg-pulse" "$root/tmp/pulse-home"
as_kiosk env HOME=/tmp/pulse-home XDG_RUNTIME_DIR=/tmp/xdg-pulse \
  pulseaudio -n --daemonize=no --exit-idle-time=-1 --log-target=stderr \
  -L "module-native-protocol-unix auth-anonymous=1" -L "module-null-sink sink_name=kiosknull" \
  >"$out/pulseaudio.log" 2>&1 &
export PULSE_SERVER=unix:$root/tmp/xdg-pulse/pulse/native
wait_for 60 pactl info >/dev/null 2>&1 || { tail -40 "$out/pulseaudio.log"; fail "pulseaudio did not start in the root"; }
pactl set-default-sink kiosknull
parec -d kiosknull.monitor --raw --format=s16le --channels=1 --rate=44100 "$out/monitor.raw" &
parec_pid=$!
cp "$play_prompt" "$root/tmp/play_prompt"
chmod 0755 "$root/tmp/play_prompt"
step "play_prompt /usr/share/dangqun-kiosk/voice/ok.wav"
as_kiosk env XDG_RUNTIME_DIR=/tmp/xdg-pulse HOME=/tmp/pulse-home /tmp/play_prompt /usr/share/dangqun-kiosk/voice/ok.wav \
  >"$out/play.log" 2>&1 || { cat "$out/play.log"; fail "Qt did not play the prompt"; }
# The monitor's recording catches up: wait until it holds the prompt (or give up after 30 s).
peak() { sox -t raw -r 44100 -e signed -b 16 -c 1 "$out/monitor.raw" -n stat 2>&1 | awk '/Maximum amplitude/ {print $3}'; }
heard() { awk -v p="$(peak)" 'BEGIN { exit !(p + 0 > 0.05) }'; }
wait_for 30 heard || fail "the null sink heard nothing (peak $(peak))"
peak=$(peak)
kill "$parec_pid"
wait "$parec_pid" 2>/dev/null || true
parec_pid=""
sox -t raw -r 44100 -e signed -b 16 -c 1 "$out/monitor.raw" "$out/monitor.wav" 2>/dev/null || true
step "the null sink's monitor recorded the prompt (peak $peak)"
echo "OK ($((SECONDS - t0)) s)"
