#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run after every other test: nothing they started is left, no context in
# configfs or debugfs and no kdamond thread.  kmemleak.sh looks for
# leaked memory.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS"

if [ -z "$(ls "$CFS")" ]; then
	ok "no configfs context is left"
else
	fail "configfs contexts left: $(ls "$CFS" | tr '\n' ' ')"
fi
if [ ! -e "$DBGFS/monitor_on" ] || [ "$(cat "$DBGFS/monitor_on")" = off ]; then
	ok "debugfs monitoring is off"
else
	fail "debugfs monitoring is still on"
fi
# kdamonds are kdamond.N (debugfs) or kdamond.<context> (configfs); the
# function a kernel thread runs tells them all.  A running task may show
# no stack, so look twice.
threads=$( (grep -l '^kdamond' /proc/[0-9]*/comm
	    grep -l 'kdamond_fn' /proc/[0-9]*/stack
	    sleep 0.5
	    grep -l 'kdamond_fn' /proc/[0-9]*/stack) 2>/dev/null |
	  sed 's|/proc/\([0-9]*\)/.*|\1|' | sort -u | tr '\n' ' ')
if [ -z "$threads" ]; then
	ok "no kdamond thread is left"
else
	fail "kdamond threads left: $threads"
fi

finish
