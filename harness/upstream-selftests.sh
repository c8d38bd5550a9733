#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# upstream-selftests.sh BASE OUT
#
# Upstream Linux's own DAMON selftests, taken unmodified from BASE (the
# kernel tarball or source directory we build on, never our tree) with the
# kselftest framework that runs them, built and installed in OUT/install.
# The guest runs them as a peer's suite; harness/upstream-differences lists
# the tests that fail where we differ from upstream on purpose.
set -euo pipefail
# The parts below are tar patterns, not for the shell to expand.
set -f

base=$1 out=$(realpath -m "$2")
sel=tools/testing/selftests
parts="$sel/damon/* $sel/kselftest/* $sel/lib.mk $sel/Makefile
	$sel/run_kselftest.sh $sel/kselftest.h $sel/kselftest_harness.h
	scripts/subarch.include"

[ "$(cat "$out/.base" 2>/dev/null)" = "$base" ] && exit 0
rm -rf "$out"
mkdir -p "$out/src"
if [ -d "$base" ]; then
	for p in $parts; do
		p=${p%/\*}
		mkdir -p "$out/src/$(dirname "$p")"
		cp -a "$base/$p" "$out/src/$p"
	done
else
	# shellcheck disable=SC2046 # one pattern per part
	tar -xf "$base" -C "$out/src" --strip-components=1 --wildcards \
		$(for p in $parts; do printf '*/%s ' "$p"; done)
fi
# Upstream's code, upstream's warnings: kept in a log, not shown.
make -C "$out/src/$sel" TARGETS=damon LDFLAGS=-static \
	INSTALL_PATH="$out/install" install > "$out/build.log" 2>&1 ||
	{ cat "$out/build.log" >&2; exit 1; }
echo "$base" > "$out/.base"
echo "  UPSTREAM $sel/damon from $base"
