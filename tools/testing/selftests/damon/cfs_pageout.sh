#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Schemes act, not only count: with swap on a zram device, a pageout
# scheme for regions idle for a second swaps out the cold part of a
# process and leaves its hot part resident; its statistics say how much;
# with THP in madvise mode, a nohugepage and then a hugepage scheme set the
# mapping's VM flags as madvise() does, and the latter brings huge pages.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" "$ZRAM" /proc/swaps
STATE_DIR=$CFS

NAME=pageout
CTX=$CFS/$NAME
S0=$CTX/schemes/s0
STATS=$RESULTS/$NAME/schemes/s0/stats

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
	zram_swap_off
	echo "$thp_enabled" > "$THP/enabled"
	echo "$scan_ms" > "$THP/khugepaged/scan_sleep_millisecs"
}
trap cleanup EXIT

# vm_flags PID ADDR: the VmFlags of PID's mapping that holds ADDR.  The
# addresses are compared as hex strings of the same length.
vm_flags() {
	awk -v addr="$(printf '%x' "$2")" '
	/^[0-9a-f]+-[0-9a-f]+ / {
		split($1, r, "-")
		inside = length(r[1]) == length(addr) &&
			 length(r[2]) == length(addr) &&
			 r[1] <= addr && addr < r[2]
	}
	inside && /^VmFlags:/ { print; exit }' "/proc/$1/smaps"
}

THP=/sys/kernel/mm/transparent_hugepage
thp_enabled=$(sed 's/.*\[\(.*\)\].*/\1/' "$THP/enabled")
scan_ms=$(cat "$THP/khugepaged/scan_sleep_millisecs")

echo "# swap on zram, THP only where madvise()d"
zram_swap_on || { fail "cannot swap on /dev/zram0"; finish; }
ok "swapping on /dev/zram0"
echo madvise > "$THP/enabled"
# khugepaged then collapses what "hugepage" advises within seconds.
echo 100 > "$THP/khugepaged/scan_sleep_millisecs"

start_hot_helper 128 16 600 || { fail "access_hot did not start"; finish; }
echo "# hot part: $hot_start-$hot_end of $map_start-$map_end"
cfs_make_ctx $NAME "$helper_pid" || { fail "cannot make $CTX"; finish; }
mkdir "$S0"
write_ok "$S0/action" pageout
write_ok "$S0/access_pattern/nr_accesses/max" 0
# Ten aggregation intervals of 100 ms: idle for a second.
write_ok "$S0/access_pattern/age/min" 10
write_ok "$CTX/state" on

echo "# pageout"
expect_pageout "$helper_pid"
swapped=$(status_kib "$helper_pid" VmSwap)
# Pages reach swap while the action runs; its statistics come with the
# end of its aggregation interval, seconds later on a debug kernel.
for _ in $(seq 60); do
	applied=$(cat "$STATS/sz_applied")
	[ "$applied" -ge $((swapped * 1024 / 2)) ] && break
	sleep 0.5
done
if [ "$applied" -ge $((swapped * 1024 / 2)) ] &&
   [ "$(cat "$STATS/nr_applied")" -gt 0 ]; then
	ok "sz_applied $applied bytes, nr_applied $(cat "$STATS/nr_applied")"
else
	fail "sz_applied $applied bytes for $swapped KiB swapped out"
fi

echo "# nohugepage, then hugepage"
write_ok "$S0/access_pattern/nr_accesses/max" 18446744073709551615
write_ok "$S0/access_pattern/age/min" 0
# expect_advice ACTION FLAG GONE: with ACTION committed, the mapping
# gets VM flag FLAG and loses GONE within ten seconds.
expect_advice() {
	local flags i

	write_ok "$S0/action" "$1"
	write_ok "$CTX/state" commit
	for i in $(seq 20); do
		flags=$(vm_flags "$helper_pid" "$map_start")
		echo "$flags" | grep -qw "$2" && ! echo "$flags" | grep -qw "$3" &&
			break
		sleep 0.5
	done
	if echo "$flags" | grep -qw "$2" && ! echo "$flags" | grep -qw "$3"; then
		ok "$1: $flags"
	else
		fail "$1: no $2 flag, or $3 left, in 10 s: $flags"
	fi
}
expect_advice nohugepage nh hg
expect_advice hugepage hg nh
for i in $(seq 60); do
	huge=$(awk '/^AnonHugePages:/ { print $2 }' "/proc/$helper_pid/smaps_rollup")
	[ "$huge" -gt 0 ] && break
	sleep 0.5
done
if [ "$huge" -gt 0 ]; then
	ok "AnonHugePages: $huge kB once advised"
else
	fail "AnonHugePages still 0 kB 30 s after hugepage"
fi
write_ok "$CTX/state" off

finish
