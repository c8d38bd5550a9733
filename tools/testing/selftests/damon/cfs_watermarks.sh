#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Watermarks on free memory turn a scheme on and off: with free memory
# above its high watermark a scheme is inactive (sysfs "active" reads 0)
# and tries nothing; filling memory below its mid watermark makes it
# active and it tries regions; freeing the memory makes it inactive again.
# A commit that raises the low watermark above what is free turns it off,
# and one back to metric "none" turns it on whatever is free.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
STATE_DIR=$CFS

NAME=wmarks
CTX=$CFS/$NAME
S0=$CTX/schemes/s0
WM=$S0/watermarks
OUT=$RESULTS/$NAME/schemes/s0

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# free_permil: free memory in thousandths of the total, the metric
# free_mem_rate reads.
free_permil() {
	awk '$1 == "MemTotal:" { t = $2 } $1 == "MemFree:" { f = $2 }
	     END { printf "%d\n", f * 1000 / t }' /proc/meminfo
}

# mem_mib PERMIL: that much of the total memory, in MiB.
mem_mib() {
	awk -v p="$1" '$1 == "MemTotal:" { printf "%d\n", $2 * p / 1000 / 1024 }' \
		/proc/meminfo
}

# expect_tries_stop: s0's nr_tried does not move over a second.
expect_tries_stop() {
	local before after

	before=$(scheme_stat $NAME s0 nr_tried)
	sleep 1
	after=$(scheme_stat $NAME s0 nr_tried)
	if [ "$before" = "$after" ]; then
		ok "nr_tried stays at $after"
	else
		fail "nr_tried went from $before to $after while inactive"
	fi
}

# expect_tries_go: s0's nr_tried grows within 20 seconds.
expect_tries_go() {
	local before i

	before=$(scheme_stat $NAME s0 nr_tried)
	for i in $(seq 100); do
		[ "$(scheme_stat $NAME s0 nr_tried)" -gt "$before" ] && break
		sleep 0.2
	done
	if [ "$(scheme_stat $NAME s0 nr_tried)" -gt "$before" ]; then
		ok "nr_tried grows: $before, then $(scheme_stat $NAME s0 nr_tried)"
	else
		fail "nr_tried stays at $before while active"
	fi
}

start_hot_helper 32 8 600 || { fail "access_hot did not start"; finish; }
target_pid=$helper_pid
cfs_make_ctx $NAME "$target_pid" || { fail "cannot make $CTX"; finish; }
mkdir "$S0" || fail "mkdir schemes/s0"

free=$(free_permil)
echo "# free memory: $free per mille"
if [ "$free" -lt 400 ]; then
	fail "only $free per mille free: too little to move the metric"
	finish
fi
write_ok "$WM/metric" free_mem_rate
write_ok "$WM/interval_us" 100000
write_ok "$WM/high" $((free - 100))
write_ok "$WM/mid" $((free - 150))
write_ok "$WM/low" 10
write_ok "$CTX/state" on

echo "# free memory above high"
for i in $(seq 100); do
	[ "$(cat "$RESULTS/$NAME/nr_aggregations")" -ge 5 ] && break
	sleep 0.2
done
expect_read "$OUT/active" 0
expect_read "$OUT/stats/nr_tried" 0

echo "# memory filled below mid"
fill=$(mem_mib 300)
start_hot_helper "$fill" 2 600 || { fail "cannot fill $fill MiB"; finish; }
filler_pid=$helper_pid
echo "# $fill MiB filled: $(free_permil) per mille free"
expect_settles "$OUT/active" 1 20
expect_tries_go

echo "# memory freed above high"
kill "$filler_pid"
wait "$filler_pid" 2>/dev/null
echo "# $(free_permil) per mille free"
expect_settles "$OUT/active" 0 20
expect_tries_stop

echo "# low raised above what is free, by a commit"
start_hot_helper "$fill" 2 600 || { fail "cannot fill $fill MiB"; finish; }
expect_settles "$OUT/active" 1 20
now=$(free_permil)
echo "# $now per mille free"
write_ok "$WM/high" 1000
write_ok "$WM/mid" 1000
write_ok "$WM/low" $((now + 50))
write_ok "$CTX/state" commit
expect_settles "$OUT/active" 0 20
expect_tries_stop

echo "# metric none"
write_ok "$WM/metric" none
write_ok "$CTX/state" commit
expect_settles "$OUT/active" 1 20
expect_tries_go
finish
