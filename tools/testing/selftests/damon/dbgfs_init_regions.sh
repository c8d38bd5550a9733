#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# <debugfs>/damon/init_regions: lines of "<target index> <start> <end>",
# rounded out to pages; bad input refused with no change; monitoring of a
# process then keeps to exactly those ranges, across update intervals.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/init_regions" "$EVENT"

FILE=$DBGFS/init_regions
MIB=1048576

cleanup() {
	echo off > "$DBGFS/monitor_on"
	echo 0 > "$EVENT/enable"
	echo " " > "$DBGFS/target_ids"
	stop_helpers
}
trap cleanup EXIT

start_sleeper
pid1=$sleeper_pid
start_sleeper
pid2=$sleeper_pid

echo "# without targets"
write_ok "$DBGFS/target_ids" " "
expect_read "$FILE" ""
write_fails "$FILE" "Invalid argument" "0 4096 8192"
write_ok "$FILE" " "

echo "# good input"
write_ok "$DBGFS/target_ids" "$pid1 $pid2"
expect_read "$FILE" ""
write_ok "$FILE" "0 4096 8192
1 8192 16384"
expect_read "$FILE" "0 4096 8192
1 8192 16384"
# Upstream's example: ranges that share a page become one.
write_ok "$FILE" "0   1       100
        0   100     200
        1   20      40
        1   50      100"
expect_read "$FILE" "0 0 4096
1 0 4096"
write_ok "$FILE" "1 4097 8191 0 12288 16384 0 20480 24576"
expect_read "$FILE" "0 12288 16384
0 20480 24576
1 4096 8192"
write_ok "$FILE" "0 0 4096"

echo "# bad input"
for bad in "2 4096 8192" "0 4096" "0 4096 8192 1" "0 4096 abc" \
	   "-1 4096 8192" "0 -4096 8192" "0 4096 0x3000" "0 8192 8192" \
	   "0 8192 4096" "0 4096 12288 0 8192 16384" "0 8192 12288 0 4096 8192" \
	   "0 4096 18446744073709551615" "0 4096 18446744073709551616" \
	   "4294967296 4096 8192"; do
	write_fails "$FILE" "Invalid argument" "$bad"
done
printf '0 4096\0 8192' |
	expect_write "Invalid argument" "$FILE" "a NUL byte"
head -c 1048576 /dev/urandom |
	expect_write "Invalid argument" "$FILE" "1 MiB of random bytes"
# DAMON_MAX_NR_REGIONS ranges for a target, and not one more.
seq 0 9999 | awk '{ printf "0 %d %d\n", $1 * 8192, $1 * 8192 + 4096 }' |
	expect_write "" "$FILE" "10000 ranges"
seq 0 10000 | awk '{ printf "0 %d %d\n", $1 * 8192, $1 * 8192 + 4096 }' |
	expect_write "Invalid argument" "$FILE" "10001 ranges"
# More ranges than max_nr_regions (1000): "on" refuses them.
seq 0 1000 | awk '{ printf "0 %d %d\n", $1 * 8192, $1 * 8192 + 4096 }' |
	expect_write "" "$FILE" "1001 ranges"
write_fails "$DBGFS/monitor_on" "Invalid argument" "on"
write_ok "$FILE" " "
expect_read "$FILE" ""

echo "# monitoring keeps to the ranges"
if ! start_hot_helper 256 16 600; then
	fail "access_hot did not report its hot part"
	finish
fi
write_ok "$DBGFS/target_ids" "$helper_pid"
low="$map_start $((map_start + 64 * MIB))"
high="$((hot_start - 8 * MIB)) $((hot_end + 8 * MIB))"
write_ok "$FILE" "0 $low
0 $high"
expect_read "$FILE" "0 $low
0 $high"
trace_start
write_ok "$DBGFS/monitor_on" "on"
write_fails "$FILE" "Device or resource busy" "0 $low"
kpid=$(cat "$DBGFS/kdamond_pid")
# Three update intervals of the default 1 s.
sleep 3.5
write_ok "$DBGFS/monitor_on" "off"
events=$(trace_stop | grep -e "-$kpid ")
spans=$(echo "$events" | aggregation_spans | sort | uniq -c)
want="${low/ /-} ${high/ /-}"
if [ "$(echo "$spans" | wc -l)" -eq 1 ] &&
   [ "$(echo "$spans" | awk '{ print $2, $3 }')" = "$want" ]; then
	ok "all $(echo "$spans" | awk '{ print $1 }') aggregations cover exactly $want"
else
	fail "aggregations cover, not $want:"
	echo "$spans" | head -5
fi
if echo "$events" | awk -v hs="$hot_start" -v he="$hot_end" '
	{ sub(/.*damon_aggregated: */, ""); split($3, r, "-") }
	$4 > 0 && r[1] + 0 < he + 0 && r[2] + 0 > hs + 0 { found = 1 }
	END { exit !found }'; then
	ok "accesses seen in the hot part"
else
	fail "no access seen in the hot part $hot_start-$hot_end"
fi

echo "# new targets clear the ranges"
write_ok "$DBGFS/target_ids" "$pid1"
expect_read "$FILE" ""

finish
