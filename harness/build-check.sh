#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-check.sh KSRC OUT
#
# "make build-check": links a vmlinux with all of DAMON on the architectures
# and memory models that x86_64 does not exercise, one at a time. The source
# is OUT/linux, made by sync-tree.sh and never built in; configuration NAME
# is tinyconfig + harness/cross/damon.config + harness/cross/NAME.config,
# built with O=OUT/NAME, its log in OUT/NAME.log. NAME fails if vmlinux does
# not link or if the compiler or linker says anything about our files;
# warnings elsewhere are only counted. Our objects are rebuilt every run
# (from ccache) so that their warnings are always in the log.
set -euo pipefail

ksrc=$1 out=$(realpath -m "$2")
proj=$(cd "$(dirname "$0")/.." && pwd)
tree=$out/linux
# A message about one of our files: "FILE:LINE:", "FILE: In function",
# "FILE.o: in function" (the linker), "In file included from FILE:LINE".
ours='(mm/damon/[^ :]*|include/linux/damon\.h|include/trace/events/damon\.h):'

#        NAME          ARCH    CROSS_COMPILE ("-": the host's gcc)
configs='arm64         arm64   aarch64-linux-gnu-
         i386          i386    i686-linux-gnu-
         i386-highpte  i386    i686-linux-gnu-
         i386-pae      i386    i686-linux-gnu-
         x86_64-nothp  x86_64  -'

mkdir -p "$out"
"$proj/harness/sync-tree.sh" "$ksrc" "$tree" "$proj"
passed=0 failed=0
while read -r name arch cross <&3; do
	[ "$cross" = - ] && cross=
	obj=$out/$name log=$out/$name.log
	frags=("$proj/harness/cross/damon.config" "$proj/harness/cross/$name.config")
	kvars=(ARCH="$arch" CROSS_COMPILE="$cross" O="$obj")
	echo "  BUILD   $name (ARCH=$arch${cross:+ CROSS_COMPILE=$cross})"
	# A tree extracted anew is older than the objects built from the last.
	if [ "$tree/.base" -nt "$obj/.config" ]; then rm -rf "$obj"; fi
	mkdir -p "$obj"
	: > "$log"
	ok=1
	if [ ! -f "$obj/.config" ] || [ -n "$(find "${frags[@]}" \
	     "$proj/mm/damon/Kconfig" -newer "$obj/.config")" ]; then
		"$proj/harness/configure.sh" "${kvars[@]}" "$tree" "${frags[@]}" \
			>> "$log" 2>&1 || { ok=0; rm -f "$obj/.config"; }
	fi
	if [ $ok -eq 1 ]; then
		rm -rf "$obj/mm/damon" "$obj/vmlinux"
		make -C "$tree" "${kvars[@]}" CC="ccache ${cross}gcc" \
			HOSTCC="ccache gcc" -j"${JOBS:-$(nproc)}" vmlinux \
			>> "$log" 2>&1 && [ -f "$obj/vmlinux" ] || ok=0
	fi
	mine=$(grep -E -A1 "$ours" "$log" || true)
	others=$(grep -iE '(^|: )warning:' "$log" | grep -cvE "$ours" || true)
	[ "$others" -eq 0 ] ||
		echo "  NOTE    $name: $others warnings outside DAMON, in ${log#"$proj"/}"
	if [ $ok -eq 1 ] && [ -z "$mine" ]; then
		echo "PASS build $name"
		passed=$((passed + 1))
	else
		echo "FAIL build $name (see ${log#"$proj"/})"
		if [ -n "$mine" ]; then
			head -n 20 <<< "$mine"
		else
			tail -n 15 "$log"
		fi | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done 3<<< "$configs"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
