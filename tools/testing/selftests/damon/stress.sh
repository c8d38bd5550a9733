#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Races and dying targets, for the kernel log to judge: any Oops, KASAN or
# lockdep report, warning or hang fails the run.  Here we only check that
# every writer got an answer and that all is clean afterwards.
#  1. four shells make, start, stop and remove contexts in loops;
#  2. on one context: commit, off/on, target mkdir/rmdir, a sysfs reader,
#     and rmdir of the context itself, all at once;
#  3. targets killed at random moments, also while a commit adds them;
#  4. a target that forks, execs, unmaps most of its memory and maps more;
#  5. debugfs monitoring turned on and off while its targets die.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" "$DBGFS/monitor_on"

SECONDS_EACH=15

cleanup() {
	kill $(jobs -p) 2>/dev/null
	wait 2>/dev/null
	for dir in "$CFS"/*/; do
		[ -d "$dir" ] && cfs_remove_ctx "$(basename "$dir")"
	done
	echo off > "$DBGFS/monitor_on"
	stop_helpers
}
trap cleanup EXIT

uptime_s() {
	cut -d. -f1 /proc/uptime
}

# loop_for SECONDS COMMAND...: runs COMMAND again and again.
loop_for() {
	local end=$(($(uptime_s) + $1))

	shift
	while [ "$(uptime_s)" -lt $end ]; do
		"$@"
	done
}

sleep 600 &
keeper=$!
helper_pids=$keeper

echo "# 1: four shells cycle contexts"
cycle_ctx() {
	local name=cycle$1

	cfs_make_ctx "$name" "$keeper" 2>/dev/null
	echo on > "$CFS/$name/state" 2>/dev/null
	grep -r . "$RESULTS/$name" > /dev/null 2>&1
	echo off > "$CFS/$name/state" 2>/dev/null
	cfs_remove_ctx "$name" 2>/dev/null
}
for i in 1 2 3 4; do
	loop_for $SECONDS_EACH cycle_ctx $i &
done
wait $(jobs -p | grep -v "^$keeper$") 2>/dev/null
if ls "$CFS" | grep -q cycle; then
	fail "contexts left after the cycles: $(ls "$CFS")"
else
	ok "four shells cycled contexts for ${SECONDS_EACH}s"
fi

echo "# 2: commit, off/on, targets, a reader and rmdir race on one context"
cfs_make_ctx race "$keeper"
echo on > "$CFS/race/state"
pids=""
loop_for $SECONDS_EACH sh -c "echo commit > $CFS/race/state" 2>/dev/null &
pids="$pids $!"
loop_for $SECONDS_EACH sh -c "echo off > $CFS/race/state; echo on > $CFS/race/state" 2>/dev/null &
pids="$pids $!"
loop_for $SECONDS_EACH sh -c "mkdir $CFS/race/targets/x && echo $$ > $CFS/race/targets/x/pid_target; rmdir $CFS/race/targets/x" 2>/dev/null &
pids="$pids $!"
loop_for $SECONDS_EACH grep -r . "$RESULTS/race" > /dev/null 2>&1 &
pids="$pids $!"
loop_for $SECONDS_EACH rmdir "$CFS/race" 2>/dev/null &
pids="$pids $!"
wait $pids
ok "commit, off/on, targets, reader and rmdir raced for ${SECONDS_EACH}s"
cfs_remove_ctx race

echo "# 3: targets killed at random moments"
victims() {
	local a b

	sleep 60 &
	a=$!
	sleep 60 &
	b=$!
	cfs_make_ctx victim "$a" 2>/dev/null
	echo on > "$CFS/victim/state" 2>/dev/null
	mkdir "$CFS/victim/targets/t1" 2>/dev/null
	echo "$b" > "$CFS/victim/targets/t1/pid_target" 2>/dev/null
	(sleep "0.$((RANDOM % 10))"; kill $a $b) &
	echo commit > "$CFS/victim/state" 2>/dev/null
	sleep "0.$((RANDOM % 5))"
	wait $a $b 2>/dev/null
	cfs_remove_ctx victim 2>/dev/null
}
loop_for $SECONDS_EACH victims
if [ -d "$CFS/victim" ]; then
	fail "victim is left"
else
	ok "contexts whose targets died at random moments went away"
fi

echo "# 4: a target that forks, execs and unmaps"
"$HERE/shapeshift" 5 &
shifter=$!
cfs_make_ctx shifter "$shifter"
write_ok "$CFS/shifter/state" "on"
expect_settles "$CFS/shifter/state" "off" 120
if [ "$(cat "$RESULTS/shifter/nr_aggregations")" -gt 0 ]; then
	ok "shapeshift was monitored until it exited"
else
	fail "shapeshift was never monitored"
fi
cfs_remove_ctx shifter

echo "# 5: debugfs on and off while its targets die"
dbgfs_cycle() {
	local a

	sleep 60 &
	a=$!
	echo "$a" > "$DBGFS/target_ids" 2>/dev/null
	echo on > "$DBGFS/monitor_on" 2>/dev/null
	(sleep "0.$((RANDOM % 5))"; kill $a) &
	sleep "0.$((RANDOM % 5))"
	echo off > "$DBGFS/monitor_on"
	wait $a 2>/dev/null
}
loop_for $SECONDS_EACH dbgfs_cycle
expect_read "$DBGFS/monitor_on" "off"

finish
