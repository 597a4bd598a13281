# Sourced by install-test.sh: a clean minimal Debian 12 root for one test run.
#   debian_mirror                 the Debian mirror this machine's apt uses (or $DANGQUN_TEST_MIRROR)
#   debian_root_prepare DIR       DIR = a fresh copy of `debootstrap --variant=minbase bookworm`,
#                                 bootstrapped once and cached as a tarball under $cache
#   debian_root_mount DIR         /proc, /sys, /dev, /dev/pts, /dev/shm, /tmp, the apt archive cache
#   debian_root_cleanup DIR       kills what still runs inside DIR, unmounts, deletes DIR
# $cache (default /var/cache/dangqun-test) keeps the tarball and the downloaded .debs, so a rerun
# downloads nothing and costs minutes; delete it to start from scratch.

cache=${DANGQUN_TEST_CACHE:-/var/cache/dangqun-test}

# The first deb822 stanza or one-line entry for bookworm in /etc/apt (deb.debian.org otherwise).
debian_mirror() {
  if [ -n "${DANGQUN_TEST_MIRROR:-}" ]; then echo "$DANGQUN_TEST_MIRROR"; return; fi
  local m=""
  if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    m=$(awk 'BEGIN{RS=""} /Suites:[^\n]*bookworm( |\n|$)/ && /Types:[^\n]*deb( |\n|$)/ {
               if (match($0, /URIs: *[^ \n]+/)) { u=substr($0,RSTART,RLENGTH); sub(/URIs: */,"",u); print u; exit } }' \
          /etc/apt/sources.list.d/*.sources)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $3=="bookworm" {print ($2 ~ /^\[/) ? $3 : $2; exit}' /etc/apt/sources.list)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

debian_root_prepare() {
  local root=$1 mirror tarball
  mirror=$(debian_mirror)
  # One tarball per mirror (a different mirror may serve different package versions).
  tarball="$cache/bookworm-minbase-$(echo "$mirror" | md5sum | cut -c1-8).tar"
  mkdir -p "$cache/archives/partial"
  if [ ! -s "$tarball" ]; then
    echo "root: bootstrapping bookworm (minbase) from $mirror into the cache (once)"
    local boot="$cache/bootstrap.$$"
    rm -rf "$boot"
    debootstrap --variant=minbase --cache-dir="$cache/archives" bookworm "$boot" "$mirror" \
      >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log"; rm -rf "$boot"; return 1; }
    local security=${mirror%/debian}/debian-security
    {
      echo "deb $mirror bookworm main"
      echo "deb $mirror bookworm-updates main"
      [ "$security" != "$mirror/debian-security" ] && echo "deb $security bookworm-security main"
    } >"$boot/etc/apt/sources.list"
    rm -f "$boot"/var/cache/apt/archives/*.deb
    tar -C "$boot" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$boot"
  fi
  mkdir -p "$root"
  # The root lives in memory (about 1.2 GB once the kiosk is installed): unpacking, apt and the
  # clean-up are several times faster than on a busy disk. DANGQUN_TEST_TMPFS=0: on disk.
  if [ "${DANGQUN_TEST_TMPFS:-1}" = 1 ]; then
    mount -t tmpfs -o size=${DANGQUN_TEST_TMPFS_SIZE:-4g},mode=0755 tmpfs "$root"
  fi
  tar -C "$root" -xf "$tarball"
  # No daemon of a package (dbus, pulseaudio, ...) starts inside the root.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

debian_root_mount() {
  local root=$1
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --bind /dev "$root/dev"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || mount --bind /dev/pts "$root/dev/pts"
  # wlroots' and PulseAudio's shared memory (shm_open): /dev/shm is a mount of its own on the host.
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
  mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
  mount --bind "$cache/archives" "$root/var/cache/apt/archives"
}

debian_root_cleanup() {
  local root=$1 p pass
  [ -n "$root" ] && [ -d "$root" ] || return 0
  # Whatever still runs with its root inside (cage, the kiosk, pulseaudio, Xwayland), by pid.
  for pass in 1 2 3; do
    local left=0
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] || continue
      kill -KILL "${p#/proc/}" 2>/dev/null && left=1
    done
    [ $left = 0 ] && break
    sleep 0.5
  done
  local m
  for m in var/cache/apt/archives tmp dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$m" 2>/dev/null && { umount "$root/$m" 2>/dev/null || umount -l "$root/$m"; }
  done
  # Only delete when nothing is mounted below any more (never the host's /dev through a bind).
  if ! grep -q " $root/" /proc/mounts; then
    mountpoint -q "$root" && { umount "$root" 2>/dev/null || umount -l "$root"; }
    mountpoint -q "$root" || rm -rf --one-file-system "$root"
  fi
}
