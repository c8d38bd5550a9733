#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh TREE OUT
#
# The guest's root filesystem: static busybox and bash, our kselftests
# installed the kernel's way from TREE, damonctl and the demo from
# TREE/tools/damon, and harness/init, as a gzipped cpio.
set -euo pipefail

tree=$1 out=$2
harness=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root}
# mktemp made the root 0700: open it, so that tests can run as other users.
chmod 0755 "$root"
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp /bin/bash-static "$root/bin/bash"
install -m 0755 "$harness/init" "$root/init"
# kselftest's runner calls "timeout --foreground", which busybox lacks.
printf '#!/bin/sh\n[ "$1" = --foreground ] && shift\nexec busybox timeout "$@"\n' \
	> "$root/usr/bin/timeout"
chmod 0755 "$root/usr/bin/timeout"

install -m 0755 "$tree/tools/damon/damonctl" "$root/usr/bin/damonctl"
install -m 0755 "$tree/tools/damon/demo.sh" "$root/usr/bin/damon-demo"
gcc -static -O2 -Wall -o "$root/usr/bin/damon-demo-workload" \
	"$tree/tools/damon/demo_workload.c"

make -s -C "$tree/tools/testing/selftests" TARGETS=damon LDFLAGS=-static \
	INSTALL_PATH="$root/kselftest" install >/dev/null
# kmemleak.sh tells our leaks from other code's by these function names.
nm --defined-only "$tree"/mm/damon/*.o | awk '$2 ~ /^[tT]$/ { print $3 }' |
	sort -u > "$root/kselftest/damon/damon_symbols"

(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$out"
