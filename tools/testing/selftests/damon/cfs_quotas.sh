#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# schemes/<scheme>/quotas/ and watermarks/ in configfs: the files, their
# defaults and bounds, and watermarks out of order refused at "on" and at
# "commit".  A size quota gives the action exactly its bytes per reset
# interval, to the page, and a commit that raises it lets more through in
# the same interval; over many intervals it bounds the bytes by the
# intervals that passed.  Weights choose what goes first: the hottest
# regions for willneed by access frequency, the biggest by size.  A time
# quota of a millisecond per second keeps pageout to a trickle.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" "$ZRAM" /proc/swaps
STATE_DIR=$CFS

NAME=quotas
CTX=$CFS/$NAME
S0=$CTX/schemes/s0
Q=$S0/quotas
WM=$S0/watermarks
OUT=$RESULTS/$NAME/schemes/s0
ULONG_MAX=18446744073709551615
MIB=$((1 << 20))

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
	zram_swap_off
}
trap cleanup EXIT

# check_bounds FILE MIN MAX ABOVE: FILE takes MIN and MAX, and refuses
# ABOVE, MIN - 1, a negative number and junk.
check_bounds() {
	write_ok "$1" "$3"
	expect_read "$1" "$3"
	write_ok "$1" "$2"
	expect_read "$1" "$2"
	write_fails "$1" "Invalid argument" "$4"
	[ "$2" -gt 0 ] && write_fails "$1" "Invalid argument" $(($2 - 1))
	write_fails "$1" "Invalid argument" -1
	write_fails "$1" "Invalid argument" 12abc
}

# wait_stat STAT VALUE: s0's STAT reads VALUE within 20 seconds.
wait_stat() {
	local i

	for i in $(seq 100); do
		[ "$(scheme_stat $NAME s0 "$1" 2>/dev/null)" = "$2" ] && return 0
		sleep 0.2
	done
	return 1
}

# uptime_s: the guest's uptime in seconds, with decimals.
uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

# hot_share: of the bytes of s0's tried regions in one interval, the
# percentage inside the helper's hot part, and the total, as "PCT BYTES".
hot_share() {
	consistent_read $NAME spans_of "$OUT/tried_regions" |
	awk -v hs="$hot_start" -v he="$hot_end" '
	{
		split($1, r, "-")
		all += r[2] - r[1]
		lo = r[1] > hs ? r[1] : hs
		hi = r[2] < he ? r[2] : he
		if (hi > lo)
			hot += hi - lo
	}
	END { printf "%d %d\n", all ? hot * 100 / all : -1, all }'
}

# settle_share OP PCT: reads hot_share into share and bytes, interval
# after interval, until "share OP PCT" holds with bytes tried, for up to
# 15 intervals: from three regions, monitoring takes a few to find the
# hot part.
settle_share() {
	for _ in $(seq 15); do
		read -r share bytes <<< "$(hot_share)"
		test "$share" "$1" "$2" && [ "$bytes" -gt 0 ] && return
	done
}

# Small pages (a fourth argument turns THP off for it), as pageout
# swaps them out one by one.
start_hot_helper 128 16 600 0 || { fail "access_hot did not start"; finish; }
echo "# hot part: $hot_start-$hot_end of $map_start-$map_end"
cfs_make_ctx $NAME "$helper_pid" || { fail "cannot make $CTX"; finish; }
# Few regions, so that the cold parts stay bigger than the hot one.
echo 3 > "$CTX/monitoring_attrs/nr_regions/min"
mkdir "$S0" || fail "mkdir schemes/s0"

echo "# files, defaults and bounds"
expect_read "$Q/ms" 0
expect_read "$Q/bytes" 0
expect_read "$Q/reset_interval_ms" 1000
expect_read "$Q/weights/sz_permil" 0
expect_read "$Q/weights/nr_accesses_permil" 500
expect_read "$Q/weights/age_permil" 500
expect_read "$WM/metric" none
expect_read "$WM/interval_us" 5000000
expect_read "$WM/high" 1000
expect_read "$WM/mid" 1000
expect_read "$WM/low" 0
check_bounds "$Q/ms" 0 3600000 3600001
check_bounds "$Q/bytes" 0 $ULONG_MAX 18446744073709551616
check_bounds "$Q/reset_interval_ms" 1 3600000 3600001
for w in sz nr_accesses age; do
	check_bounds "$Q/weights/${w}_permil" 0 10000 10001
done
check_bounds "$WM/interval_us" 1 3600000000 3600000001
for level in high mid low; do
	check_bounds "$WM/$level" 0 1000 1001
done
for metric in free_mem_rate none; do
	write_ok "$WM/metric" $metric
	expect_read "$WM/metric" $metric
done
write_fails "$WM/metric" "Invalid argument" free
printf 'free_mem_rate\0' | expect_write "Invalid argument" "$WM/metric" "'free_mem_rate\\0'"
write_ok "$Q/reset_interval_ms" 1000
write_ok "$WM/interval_us" 5000000

echo "# watermarks out of order"
write_ok "$WM/metric" free_mem_rate
write_ok "$WM/high" 500
write_ok "$WM/mid" 600
write_fails "$CTX/state" "Invalid argument" on
expect_read "$CTX/state" off
write_ok "$WM/mid" 400
write_ok "$WM/low" 450
write_fails "$CTX/state" "Invalid argument" on
write_ok "$WM/low" 0
write_ok "$WM/metric" none
write_ok "$CTX/state" on
write_ok "$WM/high" 0
write_fails "$CTX/state" "Invalid argument" commit
expect_read "$CTX/state" on
write_ok "$WM/high" 1000
write_ok "$WM/mid" 1000
write_ok "$CTX/state" off

echo "# a size quota of 4 MiB in one long reset interval"
write_ok "$Q/bytes" $((4 * MIB))
write_ok "$Q/reset_interval_ms" 3600000
write_ok "$CTX/state" on
if wait_stat qt_exceeds 1; then
	ok "the quota ran out: qt_exceeds 1"
else
	fail "qt_exceeds is '$(scheme_stat $NAME s0 qt_exceeds)', not 1, in 20 s"
fi
sleep 1
expect_read "$OUT/stats/sz_tried" $((4 * MIB))
write_ok "$Q/bytes" $((8 * MIB))
write_ok "$CTX/state" commit
if wait_stat sz_tried $((8 * MIB)); then
	ok "raised to 8 MiB by a commit: 4 MiB more in the same interval"
else
	fail "sz_tried is $(scheme_stat $NAME s0 sz_tried), not 8 MiB, in 20 s"
fi
expect_read "$OUT/stats/qt_exceeds" 1

echo "# 1 MiB per second"
write_ok "$Q/bytes" $MIB
write_ok "$Q/reset_interval_ms" 1000
write_ok "$CTX/state" commit
sz0=$(scheme_stat $NAME s0 sz_tried)
qt0=$(scheme_stat $NAME s0 qt_exceeds)
t0=$(uptime_s)
sleep 5
sz1=$(scheme_stat $NAME s0 sz_tried)
qt1=$(scheme_stat $NAME s0 qt_exceeds)
t1=$(uptime_s)
# Every second started, and the one the window was in, may take 1 MiB.
most=$(awk -v t0="$t0" -v t1="$t1" -v m=$MIB \
	'BEGIN { n = int(t1 - t0); if (n < t1 - t0) n++; print (n + 1) * m }')
given=$((sz1 - sz0))
if [ "$given" -ge $MIB ] && [ "$given" -le "$most" ]; then
	ok "$given bytes in $t0-$t1 s, at most $most"
else
	fail "$given bytes in $t0-$t1 s: not within 1 MiB and $most"
fi
if [ $((qt1 - qt0)) -ge 3 ]; then
	ok "qt_exceeds went from $qt0 to $qt1"
else
	fail "qt_exceeds went from $qt0 to $qt1 in 5 s"
fi

echo "# weights"
write_ok "$CTX/state" off
write_ok "$S0/action" willneed
write_ok "$Q/bytes" $((4 * MIB))
# A fresh quota at every aggregation.
write_ok "$Q/reset_interval_ms" 1
write_ok "$Q/weights/nr_accesses_permil" 1000
write_ok "$Q/weights/age_permil" 0
aggr_us=$(($(readable_aggr_us $NAME) * 2))
echo "# aggregation interval for reading: $aggr_us us"
echo $((aggr_us / 20)) > "$CTX/monitoring_attrs/intervals/sample_us"
echo "$aggr_us" > "$CTX/monitoring_attrs/intervals/aggr_us"
write_ok "$CTX/state" on
settle_share -ge 75
if [ "$share" -ge 75 ] && [ "$bytes" -gt 0 ]; then
	ok "by access frequency: $share% of $bytes tried bytes are hot"
else
	fail "by access frequency: $share% of $bytes tried bytes are hot"
fi
write_ok "$Q/weights/sz_permil" 1000
write_ok "$Q/weights/nr_accesses_permil" 0
write_ok "$CTX/state" commit
settle_share -le 10
if [ "$share" -le 10 ] && [ "$bytes" -gt 0 ]; then
	ok "by size: $share% of $bytes tried bytes are hot"
else
	fail "by size: $share% of $bytes tried bytes are hot"
fi
write_ok "$CTX/state" off

echo "# a time quota of 1 ms per second"
zram_swap_on || { fail "cannot swap on /dev/zram0"; finish; }
echo 5000 > "$CTX/monitoring_attrs/intervals/sample_us"
echo 100000 > "$CTX/monitoring_attrs/intervals/aggr_us"
write_ok "$S0/action" pageout
write_ok "$S0/access_pattern/nr_accesses/max" 0
write_ok "$S0/access_pattern/age/min" 10
write_ok "$Q/bytes" 0
write_ok "$Q/ms" 1
write_ok "$Q/reset_interval_ms" 1000
write_ok "$CTX/state" on
sleep 8
applied=$(scheme_stat $NAME s0 sz_applied)
cold=$((map_end - map_start - (hot_end - hot_start)))
echo "# VmSwap $(status_kib "$helper_pid" VmSwap) kB of $((cold / 1024)) kB cold"
# Unbounded, the same scheme swaps out most of the cold part at once
# (cfs_pageout.sh); 8 ms of pageout is far from 16 MiB, even natively.
swapped=$(status_kib "$helper_pid" VmSwap)
if [ "$applied" -gt 0 ] && [ "$applied" -le $((16 * MIB)) ] &&
   [ "$swapped" -gt 0 ]; then
	ok "$applied bytes paged out in 8 s, $swapped KiB in swap"
else
	fail "$applied bytes paged out in 8 s, not 1 to 16 MiB, or none in swap ($swapped KiB)"
fi
if [ "$(scheme_stat $NAME s0 qt_exceeds)" -ge 3 ]; then
	ok "qt_exceeds $(scheme_stat $NAME s0 qt_exceeds)"
else
	fail "qt_exceeds $(scheme_stat $NAME s0 qt_exceeds) in 8 s"
fi
finish
