#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bounds of every number a user writes, and a kdamond that answers
# whatever they are.  Intervals are 1 us to an hour, region counts 3 to
# 10000; beyond, a write or the on/commit that would use it gets -EINVAL.
# With the biggest values, off and commit still return at once: the
# kdamond does not sleep out an hour-long interval, nor hold the CPU with
# the most regions of a busy target (the kernel log would show RCU stalls).

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" "$DBGFS/attrs"

MAX_US=3600000000
MAX_REGIONS=10000
# Generous: a stuck kdamond would take the hour, or tens of seconds.
ANSWER_S=30
CTX=$CFS/limits
INTERVALS=$CTX/monitoring_attrs/intervals
NR_REGIONS=$CTX/monitoring_attrs/nr_regions
STATE_DIR=$CTX

cleanup() {
	cfs_remove_ctx limits
	echo off > "$DBGFS/monitor_on"
	echo "5000 100000 1000000 10 1000" > "$DBGFS/attrs"
	stop_helpers
}
trap cleanup EXIT

# answers_in SECONDS FILE VALUE: a write of VALUE to FILE returns, and
# succeeds, within SECONDS.
answers_in() {
	local t0 t1

	t0=$(cut -d' ' -f1 /proc/uptime)
	if printf '%s' "$3" | timeout "$1" "$HERE/write_once" "$2" > /dev/null; then
		t1=$(cut -d' ' -f1 /proc/uptime)
		ok "'$3' > ${2#"$CFS"/} returned in $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s"
	else
		fail "'$3' > ${2#"$CFS"/} did not return within $1 s, or failed"
	fi
}

# expect_regions_between MIN MAX: within a minute, the target's results
# show MIN to MAX regions.
expect_regions_between() {
	local i nr

	for i in $(seq 300); do
		nr=$(cat "$RESULTS/limits/targets/t0/nr_regions")
		[ "$nr" -ge "$1" ] && [ "$nr" -le "$2" ] && break
		sleep 0.2
	done
	if [ "$nr" -ge "$1" ] && [ "$nr" -le "$2" ]; then
		ok "$nr regions, within [$1, $2]"
	else
		fail "$nr regions, not within [$1, $2]"
	fi
}

sleep 3600 &
idle_pid=$!
helper_pids=$idle_pid
mkdir "$CTX" "$CTX/targets/t0"
echo "$idle_pid" > "$CTX/targets/t0/pid_target"

echo "# each file takes 1 (3 for regions) to its maximum"
for f in sample_us aggr_us update_us; do
	write_ok "$INTERVALS/$f" "1"
	write_ok "$INTERVALS/$f" "$MAX_US"
	for bad in $((MAX_US + 1)) 4294967296 18446744073709551615 \
		   18446744073709551616 0; do
		write_fails "$INTERVALS/$f" "Invalid argument" "$bad"
	done
done
for f in min max; do
	write_ok "$NR_REGIONS/$f" "$MAX_REGIONS"
	for bad in $((MAX_REGIONS + 1)) 200000 18446744073709551615 0; do
		write_fails "$NR_REGIONS/$f" "Invalid argument" "$bad"
	done
done
echo "# on checks them together"
write_ok "$NR_REGIONS/min" "10"
write_ok "$NR_REGIONS/max" "5"
write_fails "$CTX/state" "Invalid argument" "on"
write_ok "$NR_REGIONS/min" "2"
write_ok "$NR_REGIONS/max" "10"
write_fails "$CTX/state" "Invalid argument" "on"
write_ok "$INTERVALS/sample_us" "$MAX_US"
write_ok "$INTERVALS/aggr_us" "1"
write_ok "$NR_REGIONS/min" "3"
write_fails "$CTX/state" "Invalid argument" "on"
expect_read "$CTX/state" "off"

echo "# debugfs attrs: the same bounds"
STATE_DIR=$DBGFS
for good in "1 1 1 3 3" "$MAX_US $MAX_US $MAX_US $MAX_REGIONS $MAX_REGIONS"; do
	write_ok "$DBGFS/attrs" "$good"
done
for bad in "5000 100000 1000000 10 $((MAX_REGIONS + 1))" \
	   "5000 $((MAX_US + 1)) 1000000 10 100" \
	   "5000 100000 18446744073709551615 10 100" \
	   "18446744073709551615 18446744073709551615 1000000 10 100"; do
	write_fails "$DBGFS/attrs" "Invalid argument" "$bad"
done
STATE_DIR=$CTX

echo "# hour-long intervals: nothing is due, yet off and commit answer"
for f in sample_us aggr_us update_us; do
	echo "$MAX_US" > "$INTERVALS/$f"
done
echo 10 > "$NR_REGIONS/min"
echo 1000 > "$NR_REGIONS/max"
write_ok "$CTX/state" "on"
sleep 3
expect_read "$RESULTS/limits/nr_aggregations" "0"
answers_in $ANSWER_S "$CTX/state" "commit"
answers_in $ANSWER_S "$CTX/state" "off"
expect_read "$CTX/state" "off"

echo "# the most regions, on a busy target"
start_hot_helper 256 64 600 || fail "access_hot did not start"
echo "$helper_pid" > "$CTX/targets/t0/pid_target"
echo 5000 > "$INTERVALS/sample_us"
echo 100000 > "$INTERVALS/aggr_us"
echo 1000000 > "$INTERVALS/update_us"
echo "$MAX_REGIONS" > "$NR_REGIONS/max"
echo "$MAX_REGIONS" > "$NR_REGIONS/min"
answers_in $ANSWER_S "$CTX/state" "on"
# Reported after the merge of each interval: a few may have merged.
expect_regions_between $((MAX_REGIONS * 9 / 10)) $MAX_REGIONS
answers_in $ANSWER_S "$CTX/state" "off"

echo "# the most regions, online by commit, and back"
echo 10 > "$NR_REGIONS/min"
echo 20 > "$NR_REGIONS/max"
write_ok "$CTX/state" "on"
echo "$MAX_REGIONS" > "$NR_REGIONS/max"
echo "$MAX_REGIONS" > "$NR_REGIONS/min"
answers_in $ANSWER_S "$CTX/state" "commit"
expect_regions_between $((MAX_REGIONS * 9 / 10)) $MAX_REGIONS
echo 10 > "$NR_REGIONS/min"
echo 20 > "$NR_REGIONS/max"
answers_in $ANSWER_S "$CTX/state" "commit"
expect_regions_between 1 20
answers_in $ANSWER_S "$CTX/state" "off"

finish
