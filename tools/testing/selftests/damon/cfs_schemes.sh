#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# schemes/<scheme>/ in configfs and its results in sysfs: the files, their
# defaults and bounds; bad values refused with no change, and a range with
# its min above its max refused at "on" and at "commit"; a stat scheme
# matching everything lists exactly the target's regions in
# tried_regions/, counts them and applies nothing; a narrower pattern lists
# only what it matches; statistics carry on across a commit for a scheme
# of the same name, start from zero for a new one, and go with rmdir.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
STATE_DIR=$CFS

NAME=schemes
CTX=$CFS/$NAME
S0=$CTX/schemes/s0
OUT=$RESULTS/$NAME/schemes
# The guest is x86_64: unsigned long is 64 bits.
ULONG_MAX=18446744073709551615

cleanup() {
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# wait_tried SCHEME: its nr_tried is above zero within 20 seconds.
wait_tried() {
	local i

	for i in $(seq 100); do
		[ "$(scheme_stat $NAME "$1" nr_tried 2>/dev/null)" -gt 0 ] 2>/dev/null &&
			return 0
		sleep 0.2
	done
	return 1
}

# regions_and_tried: the target's regions, a "--" line, then s0's tried
# regions, all of one interval.
regions_and_tried() {
	spans_of "$RESULTS/$NAME/targets/t0/regions"
	echo --
	spans_of "$OUT/s0/tried_regions"
}

start_hot_helper 64 8 600 || fail "access_hot did not start"
cfs_make_ctx $NAME "$helper_pid" || { fail "cannot make $CTX"; finish; }
# Slow enough to read the results whole, with the default 20 samples.
echo 50000 > "$CTX/monitoring_attrs/intervals/sample_us"
echo 1000000 > "$CTX/monitoring_attrs/intervals/aggr_us"

echo "# files"
if [ -d "$CTX/schemes" ] && [ -z "$(ls "$CTX/schemes")" ]; then
	ok "schemes/ is there and empty"
else
	fail "schemes/ is missing or not empty"
fi
mkdir "$S0" || fail "mkdir schemes/s0"
if [ -d "$OUT/s0/stats" ] && [ -d "$OUT/s0/tried_regions" ]; then
	ok "mkdir made the scheme's results directory"
else
	fail "no results directory for s0 in $OUT"
fi
expect_read "$S0/action" stat
for range in sz nr_accesses age; do
	expect_read "$S0/access_pattern/$range/min" 0
	expect_read "$S0/access_pattern/$range/max" $ULONG_MAX
done
for action in willneed cold pageout hugepage nohugepage stat; do
	write_ok "$S0/action" $action
	expect_read "$S0/action" $action
done
write_fails "$S0/action" "Invalid argument" "frob"
write_fails "$S0/action" "Invalid argument" "statx"
printf 'pageout\0' | expect_write "Invalid argument" "$S0/action" "'pageout\\0'"
for file in "$S0"/access_pattern/*/min "$S0"/access_pattern/*/max; do
	write_fails "$file" "Invalid argument" "-1"
	write_fails "$file" "Invalid argument" "18446744073709551616"
	write_fails "$file" "Invalid argument" "12abc"
done
write_ok "$S0/access_pattern/sz/min" "$ULONG_MAX"
write_ok "$S0/access_pattern/sz/min" 0

echo "# a range with min above max"
write_ok "$S0/access_pattern/age/min" 5
write_ok "$S0/access_pattern/age/max" 4
write_fails "$CTX/state" "Invalid argument" on
expect_read "$CTX/state" off
write_ok "$S0/access_pattern/age/max" 5
write_ok "$CTX/state" on
write_ok "$S0/access_pattern/age/max" 4
write_fails "$CTX/state" "Invalid argument" commit
expect_read "$CTX/state" on
write_ok "$S0/access_pattern/age/min" 0
write_ok "$S0/access_pattern/age/max" $ULONG_MAX
write_ok "$CTX/state" commit

echo "# a stat scheme matching everything"
if wait_tried s0; then
	ok "s0 tried regions"
else
	fail "s0 tried nothing in 20 s"
fi
# Room to read the regions and the tried regions, twice as many files as
# readable_aggr_us times, in one interval; 20 samples in it, as by default.
aggr_us=$(($(readable_aggr_us $NAME) * 2))
echo "# aggregation interval for reading: $aggr_us us"
echo $((aggr_us / 20)) > "$CTX/monitoring_attrs/intervals/sample_us"
echo "$aggr_us" > "$CTX/monitoring_attrs/intervals/aggr_us"
write_ok "$CTX/state" commit
if both=$(consistent_read $NAME regions_and_tried); then
	regions=$(echo "$both" | sed '/^--$/,$d')
	tried=$(echo "$both" | sed '1,/^--$/d')
	if [ -n "$regions" ] && [ "$regions" = "$tried" ]; then
		ok "tried_regions/ lists the target's $(echo "$regions" | wc -l) regions"
	else
		fail "tried_regions/ '$(echo $tried)' is not the regions '$(echo $regions)'"
	fi
else
	fail "no consistent read of the results"
fi
if [ "$(scheme_stat $NAME s0 sz_tried)" -gt 0 ]; then
	ok "sz_tried is $(scheme_stat $NAME s0 sz_tried)"
else
	fail "sz_tried is 0"
fi
for stat in nr_applied sz_applied qt_exceeds; do
	expect_read "$OUT/s0/stats/$stat" 0
done

echo "# a narrower pattern"
write_ok "$S0/access_pattern/nr_accesses/min" 1
write_ok "$CTX/state" commit
before=$(scheme_stat $NAME s0 nr_tried)
sleep $((aggr_us * 2 / 1000000 + 1))
after=$(scheme_stat $NAME s0 nr_tried)
if [ "$after" -gt "$before" ]; then
	ok "s0's statistics carried on across the commit ($before, then $after)"
else
	fail "s0's nr_tried went from $before to $after"
fi
if tried=$(consistent_read $NAME spans_of "$OUT/s0/tried_regions") &&
   [ -n "$tried" ] && ! echo "$tried" | grep -q ' 0$'; then
	ok "tried_regions/ lists only accessed regions"
else
	fail "tried_regions/ for nr_accesses >= 1: '$(echo $tried)'"
fi

echo "# a new scheme, then a removed one"
mkdir "$CTX/schemes/s1" || fail "mkdir schemes/s1"
write_ok "$CTX/state" commit
if wait_tried s1 && [ "$(scheme_stat $NAME s1 nr_tried)" -lt "$(scheme_stat $NAME s0 nr_tried)" ]; then
	ok "s1 counts from zero"
else
	fail "s1 tried $(scheme_stat $NAME s1 nr_tried) regions, s0 $(scheme_stat $NAME s0 nr_tried)"
fi
expect_rmdir "" "$S0"
write_ok "$CTX/state" commit
if [ ! -e "$OUT/s0" ] && [ -d "$OUT/s1" ]; then
	ok "s0's results went with it"
else
	fail "after rmdir s0: $(ls "$OUT")"
fi
write_ok "$CTX/state" off

finish
