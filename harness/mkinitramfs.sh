#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh TREE UPSTREAM OUT
#
# The guest's root filesystem: static busybox and bash, our kselftests
# installed the kernel's way from TREE, upstream's DAMON selftests as
# installed in UPSTREAM by upstream-selftests.sh, damonctl, the demo and the
# benchmark from TREE/tools/damon, the host's perf and trace-cmd with their
# libraries, and harness/init, as a gzipped cpio.  The one guest root of
# the harness: check, demo, shell and both kernels of bench boot it.
set -euo pipefail

tree=$1 upstream=$2 out=$3
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
install -m 0755 "$tree/tools/damon/bench/bench.sh" "$root/usr/bin/damon-bench"
gcc -static -O2 -Wall -o "$root/usr/bin/damon-bench-workload" \
	"$tree/tools/damon/bench/workload.c"

# The tools DAMON's users record with, as Debian ships them.
for prog in /usr/bin/perf /usr/bin/trace-cmd; do
	install -D -m 0755 "$prog" "$root$prog"
	ldd "$prog" | awk '/=> \// { print $3; next } $1 ~ /^\// { print $1 }' |
	while read -r lib; do
		[ -e "$root$lib" ] || install -D -m 0755 "$lib" "$root$lib"
	done
done

cp -a "$upstream" "$root/upstream-kselftest"

make -s -C "$tree/tools/testing/selftests" TARGETS=damon LDFLAGS=-static \
	INSTALL_PATH="$root/kselftest" install >/dev/null
# kmemleak.sh tells our leaks from other code's by these function names.
nm --defined-only "$tree"/mm/damon/*.o | awk '$2 ~ /^[tT]$/ { print $3 }' |
	sort -u > "$root/kselftest/damon/damon_symbols"

(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$out"
