#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A configfs context's life: on, off and on again; the ways "on" fails
# without starting anything; commits of attributes and targets while on,
# and a failed commit that changes nothing; the kdamond stopping by itself
# when its targets exit.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
STATE_DIR=$CFS

# Longer than a task name: the kdamond is "kdamond." and what fits of it.
NAME=lifecycle-of-a-context
CTX=$CFS/$NAME
AGGR=$CTX/monitoring_attrs/intervals/aggr_us

cleanup() {
	cfs_remove_ctx "$NAME"
	stop_helpers
}
trap cleanup EXIT

# aggregations_in SECONDS: how many intervals the context completes.
aggregations_in() {
	local before

	before=$(cat "$RESULTS/$NAME/nr_aggregations")
	sleep "$1"
	echo $(($(cat "$RESULTS/$NAME/nr_aggregations") - before))
}

# expect_aggregations SECONDS MIN WHAT: at least MIN intervals complete.
expect_aggregations() {
	local n

	n=$(aggregations_in "$1")
	if [ "$n" -ge "$2" ]; then
		ok "$3: $n aggregations in $1 s"
	else
		fail "$3: only $n aggregations in $1 s"
	fi
}

# expect_off_after_failed_on ERROR WHY
expect_off_after_failed_on() {
	write_fails "$CTX/state" "$1" "on"
	if [ "$(cat "$CTX/state")" = off ] &&
	   [ "$(cat "$CTX/kdamond_pid")" = -1 ]; then
		ok "nothing runs after 'on' $2"
	else
		fail "'on' $2 left a kdamond running"
	fi
}

sleep 600 &
pid1=$!
sleep 600 &
pid2=$!
true &
dead=$!
wait $dead
helper_pids="$pid1 $pid2"

echo "# pid_target takes live processes only; on fails without a target,"
echo "# with a target that exited, with aggr < sample"
mkdir "$CTX"
expect_off_after_failed_on "Invalid argument" "with no target"
mkdir "$CTX/targets/t0"
expect_off_after_failed_on "Invalid argument" "with a target without pid"
write_fails "$CTX/targets/t0/pid_target" "No such process" "$dead"
write_fails "$CTX/targets/t0/pid_target" "Invalid argument" "2"
start_sleeper
echo $sleeper_pid > "$CTX/targets/t0/pid_target"
kill $sleeper_pid
wait $sleeper_pid 2>/dev/null
expect_off_after_failed_on "No such process" "with a target that exited"
echo $pid1 > "$CTX/targets/t0/pid_target"
echo 4000 > "$AGGR"
expect_off_after_failed_on "Invalid argument" "with aggr_us < sample_us"
echo 100000 > "$AGGR"
echo 2 > "$CTX/monitoring_attrs/nr_regions/min"
expect_off_after_failed_on "Invalid argument" "with min < 3"
echo 10 > "$CTX/monitoring_attrs/nr_regions/min"
echo 9 > "$CTX/monitoring_attrs/nr_regions/max"
expect_off_after_failed_on "Invalid argument" "with max < min"
echo 1000 > "$CTX/monitoring_attrs/nr_regions/max"

echo "# on, off, on again"
write_ok "$CTX/state" "on"
expect_read "$CTX/state" "on"
kpid=$(cat "$CTX/kdamond_pid")
comm=kdamond.$NAME
comm=${comm:0:15}
if is_kthread "$kpid" && [ "$(cat "/proc/$kpid/comm")" = "$comm" ]; then
	ok "kdamond_pid $kpid is a kernel thread named $comm"
else
	fail "kdamond_pid '$kpid' is not our kernel thread"
fi
write_ok "$CTX/state" "on"
expect_read "$CTX/kdamond_pid" "$kpid"
expect_rmdir "Device or resource busy" "$CTX"
expect_aggregations 1 1 "monitoring runs"
write_ok "$CTX/state" "off"
expect_read "$CTX/state" "off"
expect_read "$CTX/kdamond_pid" "-1"
expect_kdamond_gone "$kpid"
write_ok "$CTX/state" "off"
last=$(cat "$RESULTS/$NAME/nr_aggregations")
if [ "$last" -gt 0 ] && [ "$(cat "$RESULTS/$NAME/targets/t0/nr_regions")" -gt 0 ]; then
	ok "results stay readable after off ($last aggregations)"
else
	fail "results are gone after off"
fi
write_ok "$CTX/state" "on"
if [ "$(cat "$RESULTS/$NAME/nr_aggregations")" -lt "$last" ]; then
	ok "on starts counting aggregations anew"
else
	fail "nr_aggregations did not restart"
fi
kpid=$(cat "$CTX/kdamond_pid")

echo "# commit of attributes"
before=$(aggregations_in 2)
echo 1000000 > "$AGGR"
write_ok "$CTX/state" "commit"
expect_read "$CTX/kdamond_pid" "$kpid"
sleep 1
after=$(aggregations_in 3)
# 100 ms intervals give up to 20 in 2 s; 1 s intervals at most 4 in 3 s.
if [ "$before" -ge 5 ] && [ "$after" -le 4 ]; then
	ok "aggregations: $before in 2 s before, $after in 3 s after"
else
	fail "aggregations: $before in 2 s before, $after in 3 s after"
fi
echo 100000 > "$AGGR"
write_ok "$CTX/state" "commit"

echo "# a commit that fails changes nothing"
mkdir "$CTX/targets/t1"
start_sleeper
echo $sleeper_pid > "$CTX/targets/t1/pid_target"
kill $sleeper_pid
wait $sleeper_pid 2>/dev/null
echo 1000000 > "$AGGR"
write_fails "$CTX/state" "No such process" "commit"
expect_read "$CTX/kdamond_pid" "$kpid"
expect_aggregations 2 5 "the old attributes still apply"
echo 100000 > "$AGGR"

echo "# commit of an added and of a removed target"
echo $pid2 > "$CTX/targets/t1/pid_target"
write_ok "$CTX/state" "commit"
sleep 1
expect_read "$RESULTS/$NAME/targets/t1/pid" "$pid2"
if [ "$(cat "$RESULTS/$NAME/targets/t1/nr_regions")" -gt 0 ]; then
	ok "the added target has regions"
else
	fail "the added target has no regions"
fi
rmdir "$CTX/targets/t1"
write_ok "$CTX/state" "commit"
# Only pid1 is monitored now: when it exits, monitoring stops.
kill $pid1
wait $pid1 2>/dev/null
expect_settles "$CTX/state" "off"
expect_read "$CTX/kdamond_pid" "-1"
expect_kdamond_gone "$kpid"
expect_rmdir "" "$CTX/targets/t0"
expect_rmdir "" "$CTX"

finish
