#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Four configfs contexts monitor four processes at once, each on its own
# kdamond; turning one off leaves the others running.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"

cleanup() {
	for i in 0 1 2 3; do
		cfs_remove_ctx "four$i"
	done
	stop_helpers
}
trap cleanup EXIT

for i in 0 1 2 3; do
	start_hot_helper 64 8 600 || fail "access_hot $i did not start"
	cfs_make_ctx "four$i" "$helper_pid"
	write_ok "$CFS/four$i/state" "on"
	kpids[i]=$(cat "$CFS/four$i/kdamond_pid")
done
if [ "$(printf '%s\n' "${kpids[@]}" | sort -u | wc -l)" = 4 ]; then
	ok "four kdamonds: ${kpids[*]}"
else
	fail "kdamond pids: ${kpids[*]}"
fi
for i in 0 1 2 3; do
	if is_kthread "${kpids[i]}" &&
	   [ "$(cat "/proc/${kpids[i]}/comm")" = "kdamond.four$i" ]; then
		ok "kdamond ${kpids[i]} is four$i's"
	else
		fail "kdamond ${kpids[i]} is not four$i's kernel thread"
	fi
done

write_ok "$CFS/four1/state" "off"
for i in 0 2 3; do
	counts[i]=$(cat "$RESULTS/four$i/nr_aggregations")
done
sleep 2
expect_read "$CFS/four1/state" "off"
expect_kdamond_gone "${kpids[1]}"
for i in 0 2 3; do
	now=$(cat "$RESULTS/four$i/nr_aggregations")
	if [ "$(cat "$CFS/four$i/state")" = on ] && [ "$now" -gt "${counts[i]}" ]; then
		ok "four$i still runs: ${counts[i]} then $now aggregations"
	else
		fail "four$i stopped: ${counts[i]} then $now aggregations"
	fi
done

finish
