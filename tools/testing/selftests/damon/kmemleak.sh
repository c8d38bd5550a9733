#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run after every other test, on kernels with kmemleak: nothing the tests
# did leaked memory.  A struct pid whose reference was never dropped shows
# up here too.  /init cleared the boot's reports before the tests.

. "$(dirname "$0")/damon_lib.sh"

KMEMLEAK=/sys/kernel/debug/kmemleak
skip_unless "$KMEMLEAK"

# kmemleak reports objects older than five seconds, after two scans.
sleep 6
echo scan > "$KMEMLEAK"
echo scan > "$KMEMLEAK"
leaks=$(cat "$KMEMLEAK")
if [ -z "$leaks" ]; then
	ok "kmemleak reports nothing"
else
	fail "kmemleak reports $(echo "$leaks" | grep -c '^unreferenced object') objects:"
	echo "$leaks" | head -80
fi

finish
