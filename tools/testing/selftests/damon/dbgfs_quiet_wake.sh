#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Monitors, through debugfs, a 256 MiB mapping of small pages that stays
# idle long enough for all its regions to go quiet, then keeps 32 MiB of
# it hot.  Quiet regions are looked at once per window, through the
# Accessed bits of PMD entries where the CPU sets them: the hot part must
# still be found, and nothing else reported accessed.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/monitor_on" "$EVENT"

IDLE_SECONDS=5
MONITOR_SECONDS=6
MIN_PRECISION=0.8
MIN_RECALL=0.7

cleanup() {
	echo off > "$DBGFS/monitor_on"
	echo 0 > "$EVENT/enable"
	stop_helpers
}
trap cleanup EXIT

if ! start_hot_helper 256 32 600 $IDLE_SECONDS; then
	fail "access_hot did not report its hot part"
	finish
fi
echo "# hot part: $hot_start-$hot_end, idle for ${IDLE_SECONDS}s"
write_ok "$DBGFS/target_ids" "$helper_pid"
write_ok "$DBGFS/monitor_on" "on"
kpid=$(cat "$DBGFS/kdamond_pid")
# Past the idle part, with a second for the hot part to be found.
sleep $((IDLE_SECONDS + 1))
trace_start
sleep $MONITOR_SECONDS
events=$(trace_stop | grep -e "-$kpid ")
write_ok "$DBGFS/monitor_on" "off"

read -r aggrs precision recall regions < <(echo "$events" |
	hot_range_stats "$hot_start" "$hot_end" 0)
echo "# $aggrs aggregations once hot, $regions regions on average"
echo "# accessed bytes inside the hot part: $precision; hot part covered: $recall"

if [ "$aggrs" -lt 10 ]; then
	fail "only $aggrs aggregations in ${MONITOR_SECONDS}s"
else
	ok "$aggrs aggregations seen"
fi
expect_hot_range "$precision" "$recall" $MIN_PRECISION $MIN_RECALL

finish
