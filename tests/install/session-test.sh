#!/usr/bin/env bash
# The crash-restart mechanism of dangqun-kiosk.service (issue 18), tested directly: the unit's own
# ExecStart and Environment= (kiosk-session -> cage -> kiosk-client -> kiosk) with wlroots'
# headless backend, the kiosk replaced by a stand-in that crashes on demand. systemd's
# Restart=on-failure restarts a service whose main process exits non-zero or dies of a signal;
# cage 0.1.4 itself exits 0 whatever its client does, so this is what makes a crash a failure:
#   kiosk dies of SIGSEGV / SIGKILL, or exits 4     -> session exits non-zero (restarted)
#   kiosk exits 0 (staff: 退出终端)                  -> session exits 0 (stays down)
#   systemctl stop (SIGTERM to the session, KillMode=mixed) -> kiosk ended, session exits 0
#   kiosk/rotation=180 in the --config file         -> cage -r -r
# Usage: session-test.sh SOURCE_DIR   (needs cage and Xwayland: kiosk-config/install-deps.sh)
set -euo pipefail
src=${1:?usage: session-test.sh SOURCE_DIR}
unit=$src/kiosk-config/systemd/dangqun-kiosk.service
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v cage >/dev/null || fail "cage is not installed (kiosk-config/install-deps.sh)"
command -v Xwayland >/dev/null || fail "Xwayland is not installed (kiosk-config/install-deps.sh)"

work=$(mktemp -d)
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  if [ -s "$work/kiosk.pid" ]; then kill -KILL "$(cat "$work/kiosk.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# cage refuses to run as root: run everything as nobody when the test runs as root.
as_user=()
if [ "$(id -u)" = 0 ]; then
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# The installed layout, in $work: /usr/lib/dangqun-kiosk/* and the kiosk binary.
mkdir -p "$work/lib" "$work/xdg"
install -m 0755 "$src/kiosk-config/session/kiosk-session" "$src/kiosk-config/session/kiosk-client" "$work/lib/"
chmod 0700 "$work/xdg"
[ "$(id -u)" = 0 ] && chown nobody "$work/xdg" && chmod 0777 "$work"
cat >"$work/kiosk" <<'EOF'
#!/bin/bash
# Stand-in for dangqun-kiosk: FAKE_MODE says how it ends.
echo $$ >"$FAKE_DIR/kiosk.pid"
echo "kiosk $* WAYLAND_DISPLAY=${WAYLAND_DISPLAY:-} WLR_LIBINPUT_NO_DEVICES=${WLR_LIBINPUT_NO_DEVICES:-}" >"$FAKE_DIR/kiosk.args"
case $FAKE_MODE in
  segv) kill -SEGV $$ ;;
  kill) kill -KILL $$ ;;
  exit0) exit 0 ;;
  exit4) exit 4 ;;
  run) exec sleep 600 ;;
esac
EOF
# cage, recording its arguments (the rotation) before running the real one.
cat >"$work/cage" <<EOF
#!/bin/bash
echo "cage \$*" >"\$FAKE_DIR/cage.args"
exec $(command -v cage) "\$@"
EOF
chmod 0755 "$work/kiosk" "$work/cage"
printf '[kiosk]\nid=k1\nrotation=180\n' >"$work/kiosk.ini"

# The unit's command line, with the installed paths mapped into $work.
execstart=$(sed -n 's/^ExecStart=//p' "$unit")
[ -n "$execstart" ] || fail "no ExecStart in $unit"
execstart=${execstart//\/usr\/lib\/dangqun-kiosk\//$work/lib/}
execstart=${execstart//\/usr\/bin\/dangqun-kiosk/$work/kiosk}
execstart=${execstart//\/etc\/dangqun-kiosk\/kiosk.ini/$work/kiosk.ini}
read -r -a command <<<"$execstart"
echo "ExecStart: ${command[*]}"
unit_env=()
while IFS= read -r line; do unit_env+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit")
grep -qx 'Restart=on-failure' "$unit" || fail "the unit does not restart on failure"
grep -qx 'KillMode=mixed' "$unit" || fail "KillMode=mixed missing: systemctl stop would SIGTERM cage too (abort, 134)"

# Runs the unit's command line with FAKE_MODE=$1 in the background; sets $session.
start_session() {
  rm -f "$work/kiosk.pid" "$work/kiosk.args" "$work/cage.args"
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${unit_env[@]}" \
    XDG_RUNTIME_DIR="$work/xdg" WLR_BACKENDS=headless WLR_RENDERER=pixman \
    DANGQUN_CAGE="$work/cage" FAKE_DIR="$work" FAKE_MODE="$1" \
    "${as_user[@]}" "${command[@]}" >"$work/session.log" 2>&1 &
  session=$!
  pids+=("$session")
}

# Waits (up to 60 s, for a loaded machine) for the session to end; sets $status.
wait_session() {
  local i
  for i in $(seq 600); do kill -0 "$session" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$session" 2>/dev/null && { cat "$work/session.log"; fail "session still running after 60 s"; }
  status=0
  wait "$session" || status=$?
}

for mode in segv kill exit4 exit0; do
  start_session "$mode"
  wait_session
  [ -s "$work/kiosk.args" ] || { cat "$work/session.log"; fail "$mode: the kiosk never ran under cage"; }
  case $mode in
    segv) want=139 ;;
    kill) want=137 ;;
    exit4) want=4 ;;
    exit0) want=0 ;;
  esac
  [ "$status" = "$want" ] || { cat "$work/session.log"; fail "kiosk $mode: session exited $status, want $want"; }
  echo "kiosk $mode -> session exit $status ($([ "$status" = 0 ] && echo 'stays down' || echo 'failure: restarted'))"
done
grep -q "WAYLAND_DISPLAY=wayland-" "$work/kiosk.args" || fail "the kiosk did not get cage's display: $(cat "$work/kiosk.args")"
grep -q "WLR_LIBINPUT_NO_DEVICES=1" "$work/kiosk.args" || fail "the unit does not set WLR_LIBINPUT_NO_DEVICES=1"
grep -q -- "-r -r --" "$work/cage.args" || fail "kiosk/rotation=180 did not reach cage: $(cat "$work/cage.args")"
grep -q -- "-r -r -r" "$work/cage.args" && fail "rotation 180 turned three times: $(cat "$work/cage.args")"
echo "rotation 180 -> $(cat "$work/cage.args")"

# systemctl stop: SIGTERM to the main process (KillMode=mixed) while the kiosk runs.
start_session run
for i in $(seq 600); do [ -s "$work/kiosk.args" ] && break; sleep 0.1; done
[ -s "$work/kiosk.args" ] || { cat "$work/session.log"; fail "run: the kiosk never started"; }
kiosk_pid=$(cat "$work/kiosk.pid")
kill -TERM "$session"
wait_session
[ "$status" = 0 ] || { cat "$work/session.log"; fail "systemctl stop: session exited $status, want 0"; }
kill -0 "$kiosk_pid" 2>/dev/null && fail "systemctl stop: the kiosk still runs"
echo "stop (SIGTERM) -> session exit 0, kiosk ended"
echo "OK"
