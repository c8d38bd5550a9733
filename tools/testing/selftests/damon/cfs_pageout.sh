#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Schemes act, not only count: with swap on a zram device, a pageout
# scheme for regions idle for a second swaps out the cold part of a
# process and leaves its hot part resident; its statistics say how much;
# a nohugepage and then a hugepage scheme set the mapping's VM flags as
# madvise() does.

. "$(dirname "$0")/damon_lib.sh"

ZRAM=/sys/block/zram0
skip_unless "$CFS" "$RESULTS" "$ZRAM" /proc/swaps
STATE_DIR=$CFS

NAME=pageout
CTX=$CFS/$NAME
S0=$CTX/schemes/s0
STATS=$RESULTS/$NAME/schemes/s0/stats
MIB=1048576
PAGE=4096

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
	swapoff /dev/zram0 2>/dev/null
	echo 1 > "$ZRAM/reset"
}
trap cleanup EXIT

# swapped_kib PID: how much of PID's memory is in swap, in KiB.
swapped_kib() {
	awk '/^VmSwap:/ { print $2 }' "/proc/$1/status"
}

# swapped_pages PID START END: how many pages of [START, END) of PID are in
# swap, from bit 62 of their /proc/PID/pagemap entries.
swapped_pages() {
	dd if="/proc/$1/pagemap" bs=8 skip=$(($2 / PAGE)) \
		count=$((($3 - $2) / PAGE)) 2>/dev/null | od -An -v -tx1 -w8 |
		awk '{ if (index("4567cdef", substr($8, 1, 1))) n++ } END { print n + 0 }'
}

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

echo "# swap on zram"
echo $((256 * MIB)) > "$ZRAM/disksize" || fail "cannot size $ZRAM"
mkswap /dev/zram0 > /dev/null && swapon /dev/zram0 ||
	{ fail "cannot swap on /dev/zram0"; finish; }
ok "swapping on /dev/zram0"

start_hot_helper 128 16 120 || { fail "access_hot did not start"; finish; }
echo "# hot part: $hot_start-$hot_end of $map_start-$map_end"
cfs_make_ctx $NAME "$helper_pid" || { fail "cannot make $CTX"; finish; }
mkdir "$S0"
write_ok "$S0/action" pageout
write_ok "$S0/access_pattern/nr_accesses/max" 0
# Ten aggregation intervals of 100 ms: idle for a second.
write_ok "$S0/access_pattern/age/min" 10
write_ok "$CTX/state" on

echo "# pageout"
cold_kib=$(((map_end - map_start - (hot_end - hot_start)) / 1024))
for i in $(seq 60); do
	[ "$(swapped_kib "$helper_pid")" -ge $((cold_kib / 2)) ] && break
	sleep 0.5
done
swapped=$(swapped_kib "$helper_pid")
if [ "$swapped" -ge $((cold_kib / 2)) ]; then
	ok "$swapped of $cold_kib KiB cold swapped out"
else
	fail "only $swapped of $cold_kib KiB cold swapped out in 30 s"
fi
hot_swapped=$(swapped_pages "$helper_pid" "$hot_start" "$hot_end")
hot_pages=$(((hot_end - hot_start) / PAGE))
if [ "$hot_swapped" -le $((hot_pages / 10)) ]; then
	ok "$hot_swapped of $hot_pages hot pages in swap"
else
	fail "$hot_swapped of $hot_pages hot pages in swap"
fi
applied=$(cat "$STATS/sz_applied")
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
write_ok "$CTX/state" off

finish
