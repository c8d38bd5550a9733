#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The same pageout as cfs_pageout.sh through <debugfs>/damon/schemes, in
# upstream's format: with swap on zram, the cold part of a process goes to
# swap, its hot part stays, and the schemes file shows what was applied.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/schemes" "$ZRAM" /proc/swaps

MAX=18446744073709551615
# 4 KiB or more, no access, ten intervals old or more: page out; no
# quota, no watermarks.
PAGEOUT="4096 $MAX 0 0 10 $MAX 2 0 0 0 0 0 0 0 0 0 0 0"

cleanup() {
	echo off > "$DBGFS/monitor_on" 2>/dev/null
	echo > "$DBGFS/schemes"
	stop_helpers
	zram_swap_off
}
trap cleanup EXIT

zram_swap_on || { fail "cannot swap on /dev/zram0"; finish; }
ok "swapping on /dev/zram0"
start_hot_helper 128 16 600 || { fail "access_hot did not start"; finish; }
write_ok "$DBGFS/schemes" "$PAGEOUT"
write_ok "$DBGFS/target_ids" "$helper_pid"
write_ok "$DBGFS/monitor_on" on
expect_pageout "$helper_pid"
swapped=$(status_kib "$helper_pid" VmSwap)
# Statistics count a region once its action returns, after its pages
# reached swap.
for _ in $(seq 60); do
	read -r -a line < "$DBGFS/schemes"
	[ "${line[21]}" -ge $((swapped * 1024 / 2)) ] && break
	sleep 0.5
done
echo "# schemes: ${line[*]}"
if [ "${line[20]}" -gt 0 ] && [ "${line[21]}" -ge $((swapped * 1024 / 2)) ]; then
	ok "nr_applied ${line[20]}, sz_applied ${line[21]}"
else
	fail "nr_applied ${line[20]}, sz_applied ${line[21]}"
fi
write_ok "$DBGFS/monitor_on" off

finish
