#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two debugfs contexts monitor two processes at once, each on a kdamond of
# its own, and each reports the hot part of its own process.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/mk_contexts" "$EVENT"

cleanup() {
	echo off > "$DBGFS/monitor_on"
	echo 0 > "$EVENT/enable"
	[ -d "$DBGFS/second" ] && echo second > "$DBGFS/rm_contexts"
	stop_helpers
}
trap cleanup EXIT

start_hot_helper 128 16 600 || fail "first access_hot did not start"
pid1=$helper_pid hot1="$hot_start $hot_end"
start_hot_helper 128 16 600 || fail "second access_hot did not start"
pid2=$helper_pid hot2="$hot_start $hot_end"

write_ok "$DBGFS/mk_contexts" "second"
write_ok "$DBGFS/target_ids" "$pid1"
write_ok "$DBGFS/second/target_ids" "$pid2"
trace_start
write_ok "$DBGFS/monitor_on" "on"
kpid1=$(cat "$DBGFS/kdamond_pid")
kpid2=$(cat "$DBGFS/second/kdamond_pid")
if [ "$kpid1" != "$kpid2" ] && [ -d "/proc/$kpid1" ] && [ -d "/proc/$kpid2" ]; then
	ok "kdamonds $kpid1 and $kpid2 run"
else
	fail "kdamond_pid files read '$kpid1' and '$kpid2'"
fi
sleep 8
events=$(trace_stop)
write_ok "$DBGFS/monitor_on" "off"

for i in 1 2; do
	eval "kpid=\$kpid$i hot=\$hot$i"
	read -r aggrs precision recall regions < <(echo "$events" |
		grep -e "-$kpid " | hot_range_stats $hot 30)
	echo "# kdamond $kpid: $aggrs aggregations, $regions regions, precision $precision, recall $recall"
	if [ "$aggrs" -gt 0 ] && awk -v p="$precision" -v r="$recall" \
		'BEGIN { exit !(p >= 0.5 && r >= 0.8) }'; then
		ok "kdamond $kpid sees the hot part of its own process"
	else
		fail "kdamond $kpid does not see the hot part of its process"
	fi
done
expect_kdamond_gone "$kpid1"
expect_kdamond_gone "$kpid2"
write_ok "$DBGFS/rm_contexts" "second"

finish
