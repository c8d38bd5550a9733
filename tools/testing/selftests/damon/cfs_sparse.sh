#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A process that reserves 16 TiB and writes 16 chunks of 2 MiB in it: the
# regions of its target cover every chunk and nothing else of the
# reservation; the chunk kept hot is the only one seen accessed; memory
# written later in the empty space is covered from a later update on; and
# with max_nr_regions at its lowest the chunks are all still covered.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"

NAME=sparse
CTX=$CFS/$NAME
RESERVED_GIB=16384
CHUNKS=16
CHUNK=2097152

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# coverage: from sysfs_regions lines, "COVERED CHUNKS LATE HOT_ACC COLD_ACC":
# bytes of the reservation the regions cover, chunks covered whole, bytes
# of the late chunk covered, and bytes of regions seen accessed in the hot
# chunk and elsewhere in the reservation.
coverage() {
	awk -v ms="$map_start" -v me="$map_end" -v nr=$CHUNKS -v sz=$CHUNK \
	    -v hs="$hot_start" -v he="$hot_end" -v ls="$late_start" \
	    -v le="$late_end" '
	function overlap(s, e, a, b) {
		s = s > a ? s : a
		e = e < b ? e : b
		return e > s ? e - s : 0
	}
	BEGIN {
		slot = int((me - ms) / nr / sz) * sz
		for (i = 0; i < nr; i++)
			cs[i] = ms + i * slot
	}
	{
		split($4, r, "-")
		s = r[1] + 0
		e = r[2] + 0
		covered += overlap(s, e, ms, me)
		for (i = 0; i < nr; i++)
			got[i] += overlap(s, e, cs[i], cs[i] + sz)
		late += overlap(s, e, ls, le)
		if ($5 > 0) {
			hot += overlap(s, e, hs, he)
			cold += overlap(s, e, ms, me) - overlap(s, e, hs, he)
		}
	}
	END {
		for (i = 0; i < nr; i++)
			whole += got[i] == sz
		printf "%.0f %d %.0f %.0f %.0f\n", covered, whole, late, hot, cold
	}'
}

# snapshot: reads the regions of t0 and sets covered, whole, late, hot and
# cold from them.
snapshot() {
	local regions

	regions=$(sysfs_regions $NAME t0) || return
	read -r covered whole late hot cold <<< "$(echo "$regions" | coverage)"
}

if ! start_reporting_helper sparse_touch $RESERVED_GIB $CHUNKS 600; then
	fail "sparse_touch did not report its chunks"
	finish
fi
read -r _ map_start map_end _ hot_start hot_end _ late_start late_end \
	<<< "$helper_report"
echo "# $CHUNKS chunks in $map_start-$map_end, hot $hot_start-$hot_end"
cfs_make_ctx $NAME "$helper_pid"
write_ok "$CTX/state" "on"
sleep 2
aggr_us=$(readable_aggr_us $NAME)
echo "# aggregation interval for reading: $aggr_us us"
echo $((aggr_us / 20)) > "$CTX/monitoring_attrs/intervals/sample_us"
echo "$aggr_us" > "$CTX/monitoring_attrs/intervals/aggr_us"
echo "$aggr_us" > "$CTX/monitoring_attrs/intervals/update_us"
write_ok "$CTX/state" "commit"
# The accesses of the first writes age out in a few intervals.
sleep $((aggr_us * 5 / 1000000))

echo "# the populated part of $((RESERVED_GIB >> 10)) TiB"
covered=0 whole=0 late=0 hot=0 cold=0
snapshot || fail "no regions"
if [ "$whole" = $CHUNKS ] && [ "$covered" = $((CHUNKS * CHUNK)) ]; then
	ok "regions cover the $CHUNKS chunks, $covered bytes of the reservation"
else
	fail "regions cover $whole of $CHUNKS chunks, $covered bytes of the reservation"
fi
for _ in $(seq 10); do
	[ "$hot" -gt 0 ] && break
	sleep $((aggr_us / 1000000))
	snapshot
done
if [ "$hot" -gt 0 ] && [ "$cold" = 0 ]; then
	ok "accesses seen in $hot bytes of the hot chunk and nowhere else"
else
	fail "accesses seen in $hot bytes of the hot chunk and $cold elsewhere"
fi

echo "# memory written in empty space"
kill -USR1 "$helper_pid"
for i in $(seq 30); do
	snapshot
	[ "$late" = $CHUNK ] && break
	sleep 1
done
if [ "$late" = $CHUNK ] && [ "$covered" = $(((CHUNKS + 1) * CHUNK)) ]; then
	ok "a chunk written later is covered, after $i reads"
else
	fail "a chunk written later: $late of its bytes covered, $covered of the reservation"
fi

echo "# the fewest regions"
echo 3 > "$CTX/monitoring_attrs/nr_regions/min"
echo 3 > "$CTX/monitoring_attrs/nr_regions/max"
write_ok "$CTX/state" "commit"
sleep $((aggr_us * 3 / 1000000))
snapshot
if [ "$whole" = $CHUNKS ] && [ "$late" = $CHUNK ]; then
	ok "with max_nr_regions 3, regions still cover every chunk"
else
	fail "with max_nr_regions 3, regions cover $whole of $CHUNKS chunks and $late bytes of the late one"
fi

finish
