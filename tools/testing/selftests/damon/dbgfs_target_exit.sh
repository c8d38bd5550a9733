#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# When its only target exits, the kdamond stops by itself: monitor_on
# reads off, kdamond_pid none, and the thread is gone.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/monitor_on"

cleanup() {
	echo off > "$DBGFS/monitor_on"
	stop_helpers
}
trap cleanup EXIT

if ! start_hot_helper 64 8 3; then
	fail "access_hot did not report its hot part"
	finish
fi
write_ok "$DBGFS/target_ids" "$helper_pid"
write_ok "$DBGFS/monitor_on" "on"
kpid=$(cat "$DBGFS/kdamond_pid")
if [ -d "/proc/$kpid" ]; then
	ok "kdamond $kpid runs"
else
	fail "kdamond_pid reads '$kpid', which is no thread"
fi
wait "$helper_pid"
helper_pids=""

expect_settles "$DBGFS/monitor_on" "off"
expect_read "$DBGFS/kdamond_pid" "none"
expect_kdamond_gone "$kpid"
# It can be started again once a live target is set.
sleep 600 &
helper_pids=$!
write_ok "$DBGFS/target_ids" "$helper_pids"
write_ok "$DBGFS/monitor_on" "on"
expect_read "$DBGFS/monitor_on" "on"
write_ok "$DBGFS/monitor_on" "off"

finish
