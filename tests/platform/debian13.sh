#!/usr/bin/env bash
# Debian 13 (trixie) beside Debian 12: runs the README's test command (bash tests/run-tests.sh)
# inside a minimal trixie root, so the code is built and tested against trixie's Qt 6.8 and
# ZXing-C++ 2.3 on a Debian 12 machine. Not a ctest (a full build takes tens of minutes).
#
#   bash tests/platform/debian13.sh                 # README test command inside trixie
#   bash tests/platform/debian13.sh -- CMD ARGS...  # any other command, run in the tree's copy
#   bash tests/platform/debian13.sh --fresh ...     # start again from the cached base root
#
# Root only (debootstrap, chroot, mounts). The base root (debootstrap --variant=minbase) is
# cached as a tarball under /var/cache/dangqun-test/; the unpacked root stays in
# $DANGQUN_TRIXIE_ROOT (default /var/tmp/dangqun-trixie) between runs, so a second run only
# rebuilds what changed. The tree is copied to /src in the root (git's tracked and untracked,
# not ignored files: no build directories), and the packages come from install-deps.sh, which
# picks trixie's package names by /etc/os-release.
set -euo pipefail

MIRROR=${DANGQUN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=/var/cache/dangqun-test
TARBALL=$CACHE/trixie-minbase-amd64.tar.gz
ROOT=${DANGQUN_TRIXIE_ROOT:-/var/tmp/dangqun-trixie}
SRC=$(cd "$(dirname "$0")/../.." && pwd)

fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi
[ $# -gt 0 ] || set -- bash tests/run-tests.sh

if [ "$(id -u)" -ne 0 ]; then
  echo "debian13.sh: needs root (debootstrap, chroot, mounts)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "debian13.sh: installing debootstrap"; apt-get install -y -qq debootstrap; }

if [ ! -s "$TARBALL" ]; then
  echo "debian13.sh: debootstrap trixie from $MIRROR (once; cached as $TARBALL)"
  mkdir -p "$CACHE"
  tmp=$(mktemp -d /var/tmp/dangqun-debootstrap.XXXXXX)
  debootstrap --variant=minbase --arch=amd64 trixie "$tmp" "$MIRROR"
  rm -rf "$tmp"/var/cache/apt/archives/*.deb
  tar -C "$tmp" -czf "$TARBALL.part" .
  mv "$TARBALL.part" "$TARBALL"
  rm -rf "$tmp"
fi

mounts=(proc sys dev dev/pts dev/shm)
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mountpoint -q "$ROOT/${mounts[$i]}" && umount -l "$ROOT/${mounts[$i]}" || true
  done
}
trap cleanup EXIT
cleanup # a run killed earlier may have left mounts behind

if [ "$fresh" = 1 ] || [ ! -x "$ROOT/bin/bash" ]; then
  rm -rf --one-file-system "$ROOT"
  mkdir -p "$ROOT"
  tar -C "$ROOT" -xzf "$TARBALL"
fi
mount -t proc proc "$ROOT/proc"
mount --rbind /sys "$ROOT/sys" && mount --make-rslave "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"

# Copy the tree (tracked and untracked files, never build output); keeps /src/build of an
# earlier run so an unchanged file is not compiled twice.
mkdir -p "$ROOT/src"
(cd "$SRC" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -C "$ROOT/src" -xf -

grep -E '^(PRETTY_NAME|VERSION_CODENAME)=' "$ROOT/etc/os-release"
echo "debian13.sh: running in trixie: $*"
# A clean environment: the host's compiler launcher, ccache dir and Qt variables mean nothing here.
chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb /bin/bash -c 'cd /src && "$@"' bash "$@"
