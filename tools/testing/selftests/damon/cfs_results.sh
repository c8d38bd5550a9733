#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The sysfs results of a configfs context monitoring a process that keeps
# 32 MiB of a 512 MiB mapping hot: regions in address order, without
# overlap, within [min, max], covering every page of every mapping, and
# those with accesses matching the hot part.  Also prints the kdamond's CPU
# time per second with and without a reader polling the results.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"

NAME=results
SNAPSHOTS=6
MIN_PRECISION=0.8
MIN_RECALL=0.8

cleanup() {
	[ -n "$reader" ] && kill "$reader" 2>/dev/null
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# kdamond_cpu SECONDS: its CPU time per second of monitoring, in ms.
kdamond_cpu() {
	local cpu0 cpu1 up0 up1

	up0=$(cut -d' ' -f1 /proc/uptime)
	cpu0=$(cpu_ns "$kpid")
	sleep "$1"
	cpu1=$(cpu_ns "$kpid")
	up1=$(cut -d' ' -f1 /proc/uptime)
	awk -v ns=$((cpu1 - cpu0)) -v s0="$up0" -v s1="$up1" \
		'BEGIN { printf "%.2f\n", ns / 1e6 / (s1 - s0) }'
}

if ! start_hot_helper 512 32 600; then
	fail "access_hot did not report its hot part"
	finish
fi
echo "# hot part $hot_start-$hot_end of mapping $map_start-$map_end"
cfs_make_ctx $NAME "$helper_pid"
write_ok "$CFS/$NAME/state" "on"
kpid=$(cat "$CFS/$NAME/kdamond_pid")
sleep 4
# Regions have formed; give a reader room to read them all at once, with
# the default's 20 samples per interval for the default's accuracy.
aggr_us=$(readable_aggr_us $NAME)
echo "# aggregation interval for reading: $aggr_us us"
echo $((aggr_us / 20)) > "$CFS/$NAME/monitoring_attrs/intervals/sample_us"
echo "$aggr_us" > "$CFS/$NAME/monitoring_attrs/intervals/aggr_us"
write_ok "$CFS/$NAME/state" commit
# Merging and splitting at the new pace need a few intervals to settle.
sleep $((aggr_us * 5 / 1000000))

: > /tmp/snapshots
for i in $(seq $SNAPSHOTS); do
	if ! sysfs_regions $NAME t0 > /tmp/snapshot; then
		fail "the results never held still long enough to read"
		finish
	fi
	cat /tmp/snapshot >> /tmp/snapshots
	echo "# snapshot $i, accessed regions (start-end: accesses age):"
	awk '$5 > 0 { print "#   " $4, $5, $6 }' /tmp/snapshot
	sleep 0.3
done

echo "# the last snapshot:"
awk '{ print "#   " $4, $5, $6 }' /tmp/snapshot
nr=$(wc -l < /tmp/snapshot)
if [ "$nr" -ge 10 ] && [ "$nr" -le 1000 ] &&
   grep -q "nr_regions=$nr " /tmp/snapshot; then
	ok "$nr regions, within [10, 1000]"
else
	fail "$nr regions, $(grep -o 'nr_regions=[0-9]*' /tmp/snapshot | head -1)"
fi
expect_read "$RESULTS/$NAME/targets/t0/pid" "$helper_pid"
if awk '{ split($4, r, "-"); s = r[1] + 0; e = r[2] + 0
	  if (s >= e || s < last || s % 4096 || e % 4096) exit 1
	  last = e }' /tmp/snapshot; then
	ok "regions are page aligned, in address order and do not overlap"
else
	fail "regions are out of order, overlap or not page aligned"
fi

# Every page of the helper, in memory or in swap, lies inside the regions:
# of its mappings, vaddr leaves out only 2 MiB spans with no page table
# ("Sparse address spaces" in Documentation/mm/damon/design.rst).
# What the pagemap says of the written hot part shows that it can be read.
hot_pages=$(((hot_end - hot_start) / PAGE))
if [ "$(populated_pages "$helper_pid" "$hot_start" "$hot_end")" -ne "$hot_pages" ]; then
	fail "the pagemap does not show the $hot_pages pages of the hot part"
fi
uncovered=""
while read -r range _ _ _ _ name; do
	[ "$name" = "[vsyscall]" ] && continue
	for piece in $(awk -v s=$((16#${range%-*})) -v e=$((16#${range#*-})) '
		{ split($4, r, "-"); rs = r[1] + 0; re = r[2] + 0
		  if (re <= s || rs >= e) next
		  if (rs > s) print s "-" rs
		  s = re }
		END { if (s < e) print s "-" e }' /tmp/snapshot); do
		n=$(populated_pages "$helper_pid" "${piece%-*}" "${piece#*-}")
		[ "$n" -eq 0 ] || uncovered="$uncovered $piece ($n pages)"
	done
done < "/proc/$helper_pid/maps"
if [ -z "$uncovered" ]; then
	ok "the regions cover every page of every mapping"
else
	fail "pages outside the regions:$uncovered"
fi

read -r nr_snaps precision recall regions < <(hot_range_stats \
	"$hot_start" "$hot_end" 0 < /tmp/snapshots)
echo "# $nr_snaps snapshots: accessed bytes inside the hot part $precision, hot part covered $recall"
if awk -v p="$precision" -v r="$recall" -v mp=$MIN_PRECISION \
	-v mr=$MIN_RECALL 'BEGIN { exit !(p >= mp && r >= mr) }'; then
	ok "accessed regions match the hot part"
else
	fail "accessed regions do not match the hot part"
fi

quiet=$(kdamond_cpu 10)
( while :; do grep -r . "$RESULTS/$NAME" > /dev/null 2>&1; done ) &
reader=$!
polled=$(kdamond_cpu 10)
kill $reader
wait $reader 2>/dev/null
reader=""
echo "# kdamond CPU: $quiet ms/s alone, $polled ms/s with a reader polling"
rm -f /tmp/snapshot /tmp/snapshots

finish
