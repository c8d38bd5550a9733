#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Monitors, through debugfs, a process that keeps 32 MiB of a 512 MiB
# mapping hot, and reads the damon_aggregated events: once the regions have
# settled, those with accesses must cover most of the hot part and little
# else.  Also prints the kdamond's CPU time per second of monitoring.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/monitor_on" "$EVENT"

MONITOR_SECONDS=12
# Aggregations left out while the regions settle: 3 s at the default 100 ms.
SETTLE=30
MIN_PRECISION=0.8
MIN_RECALL=0.8

cleanup() {
	echo off > "$DBGFS/monitor_on"
	echo 0 > "$EVENT/enable"
	stop_helpers
}
trap cleanup EXIT

if ! start_hot_helper 512 32 600; then
	fail "access_hot did not report its hot part"
	finish
fi
echo "# hot part: $hot_start-$hot_end"
write_ok "$DBGFS/target_ids" "$helper_pid"
trace_start
write_ok "$DBGFS/monitor_on" "on"
kpid=$(cat "$DBGFS/kdamond_pid")
up0=$(cut -d' ' -f1 /proc/uptime)
cpu0=$(cpu_ns "$kpid")
sleep $MONITOR_SECONDS
cpu1=$(cpu_ns "$kpid")
up1=$(cut -d' ' -f1 /proc/uptime)
events=$(trace_stop | grep -e "-$kpid ")
write_ok "$DBGFS/monitor_on" "off"

read -r aggrs precision recall regions < <(echo "$events" |
	hot_range_stats "$hot_start" "$hot_end" $SETTLE)
echo "# $aggrs aggregations after $SETTLE settling ones, $regions regions on average"
echo "# accessed bytes inside the hot part: $precision; hot part covered: $recall"
awk -v ns="$((cpu1 - cpu0))" -v u0="$up0" -v u1="$up1" 'BEGIN {
	printf "# kdamond CPU: %.2f ms per second of monitoring (%.1f ms in %.1f s)\n",
		ns / 1e6 / (u1 - u0), ns / 1e6, u1 - u0 }'

if [ "$aggrs" -lt 50 ]; then
	fail "only $aggrs aggregations in ${MONITOR_SECONDS}s"
else
	ok "$aggrs aggregations seen"
fi
expect_hot_range "$precision" "$recall" $MIN_PRECISION $MIN_RECALL

finish
