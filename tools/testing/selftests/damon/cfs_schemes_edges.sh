#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Schemes at their edges: cold and willneed on a process's anonymous and
# file-backed memory apply without error; a scheme that matches nothing
# applies nothing; a pageout scheme whose target exits stops with its
# context and keeps its statistics readable.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"

NAME=edges
CTX=$CFS/$NAME
OUT=$RESULTS/$NAME/schemes

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# wait_aggregations N: N more aggregation intervals end within 20 s.
wait_aggregations() {
	local want i

	want=$(($(cat "$RESULTS/$NAME/nr_aggregations") + $1))
	for i in $(seq 100); do
		[ "$(cat "$RESULTS/$NAME/nr_aggregations")" -ge $want ] && return 0
		sleep 0.2
	done
	return 1
}

start_sleeper
cfs_make_ctx $NAME "$sleeper_pid" || { fail "cannot make $CTX"; finish; }
for name in cold willneed none; do
	mkdir "$CTX/schemes/$name"
	echo "$name" > "$CTX/schemes/$name/action" 2>/dev/null
done
# Regions of 2^60 bytes or more: there are none.
echo pageout > "$CTX/schemes/none/action"
echo 1152921504606846976 > "$CTX/schemes/none/access_pattern/sz/min"
write_ok "$CTX/state" on
wait_aggregations 10 || fail "fewer than 10 aggregations in 20 s"

echo "# cold and willneed on anonymous and file memory"
file_map=$(awk '$6 ~ /^\// { print $1; exit }' "/proc/$sleeper_pid/maps")
echo "# first file mapping of the sleeper: $file_map"
for name in cold willneed; do
	if [ "$(scheme_stat $NAME $name nr_applied)" -gt 0 ] &&
	   [ "$(scheme_stat $NAME $name sz_applied)" -gt 0 ]; then
		ok "$name applied to $(scheme_stat $NAME $name sz_applied) bytes"
	else
		fail "$name applied to nothing"
	fi
done
fstart=$((16#${file_map%-*})) fend=$((16#${file_map#*-}))
# Tried regions of cold that overlap the file mapping.
covered=$(grep -r . "$OUT/cold/tried_regions" 2>/dev/null |
	awk -F: -v fs="$fstart" -v fe="$fend" '
	{ n = split($1, p, "/"); v[p[n - 1], p[n]] = $2 }
	END {
		for (i = 0; (i, "start") in v; i++)
			if (v[i, "start"] + 0 < fe + 0 && v[i, "end"] + 0 > fs + 0)
				hits++
		print hits + 0
	}')
if [ "$covered" -gt 0 ]; then
	ok "cold tried $covered region(s) of the file mapping"
else
	fail "cold tried no region of the file mapping $file_map"
fi

echo "# a scheme that matches nothing"
for stat in nr_tried sz_tried nr_applied sz_applied; do
	expect_read "$OUT/none/stats/$stat" 0
done

echo "# the target exits"
kpid=$(cat "$CTX/kdamond_pid")
stop_helpers
expect_settles "$CTX/state" off
expect_kdamond_gone "$kpid"
if [ "$(scheme_stat $NAME cold nr_tried)" -gt 0 ]; then
	ok "cold's statistics stay readable: nr_tried $(scheme_stat $NAME cold nr_tried)"
else
	fail "cold's statistics are gone"
fi

finish
