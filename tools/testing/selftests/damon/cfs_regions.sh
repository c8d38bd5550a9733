#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# targets/<target>/regions/<region>/{start,end} in configfs: bad values
# refused with no change, bad ranges refused at "on"; monitoring keeps to
# exactly the ranges given, in address order whatever the directory names,
# across update intervals and commits; with none left, it follows the
# process's mappings again.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
STATE_DIR=$CFS

NAME=regions
CTX=$CFS/$NAME
T0=$CTX/targets/t0
MIB=1048576

cleanup() {
	echo off > "$CTX/state" 2>/dev/null
	for dir in "$T0"/regions/*/; do
		[ -d "$dir" ] && rmdir "$dir"
	done
	cfs_remove_ctx $NAME
	stop_helpers
}
trap cleanup EXIT

# expect_spans WHAT SPANS: the regions in sysfs cover exactly SPANS.
expect_spans() {
	local got

	got=$(sysfs_regions $NAME t0 | aggregation_spans)
	if [ "$got" = "$2" ]; then
		ok "$1: regions cover exactly $2"
	else
		fail "$1: regions cover '$got', not '$2'"
	fi
}

# The workload starts once the slow checks are done (10000 mkdirs take
# minutes on a debug kernel): until then, the target is a sleeper.
start_sleeper
cfs_make_ctx $NAME "$sleeper_pid" || { fail "cannot make $CTX"; finish; }
# Slow enough to read the results whole, with the default 20 samples.
echo 50000 > "$CTX/monitoring_attrs/intervals/sample_us"
echo 1000000 > "$CTX/monitoring_attrs/intervals/aggr_us"

echo "# files"
if [ -d "$T0/regions" ] && [ -z "$(ls "$T0/regions")" ]; then
	ok "regions/ is there and empty"
else
	fail "regions/ is missing or not empty"
fi
mkdir "$T0/regions/r0"
expect_read "$T0/regions/r0/start" "0"
expect_read "$T0/regions/r0/end" "0"
write_ok "$T0/regions/r0/start" "4096"
expect_read "$T0/regions/r0/start" "4096"
write_ok "$T0/regions/r0/end" "18446744073709551615"
expect_read "$T0/regions/r0/end" "18446744073709551615"
for bad in abc -1 18446744073709551616 0x1000 " " "4096 8192"; do
	write_fails "$T0/regions/r0/start" "Invalid argument" "$bad"
	write_fails "$T0/regions/r0/end" "Invalid argument" "$bad"
done
printf '4096\0' |
	expect_write "Invalid argument" "$T0/regions/r0/start" "a NUL byte"
expect_rmdir "Directory not empty" "$T0"
# 10000 ranges per target, and not one more.
t0=$(cut -d' ' -f1 /proc/uptime)
if mkdir "$T0"/regions/{1..9999}; then
	ok "mkdir of 10000 regions ($(awk -v t0="$t0" '{ print $1 - t0 }' /proc/uptime) s)"
else
	fail "mkdir of 10000 regions"
fi
out=$(mkdir "$T0/regions/one_more" 2>&1)
if [ "${out%No space left on device}" != "$out" ]; then
	ok "mkdir of region 10001: No space left on device"
else
	fail "mkdir of region 10001: '${out:-success}'"
fi
rmdir "$T0"/regions/{1..9999} "$T0/regions/one_more" 2>/dev/null

echo "# ranges refused at on"
write_fails "$CTX/state" "Invalid argument" "on"
write_ok "$T0/regions/r0/start" "0"
write_ok "$T0/regions/r0/end" "0"
write_fails "$CTX/state" "Invalid argument" "on"
mkdir "$T0/regions/r1"
write_ok "$T0/regions/r0/end" "$((2 * 4096))"
write_ok "$T0/regions/r1/start" "4096"
write_ok "$T0/regions/r1/end" "$((3 * 4096))"
write_fails "$CTX/state" "Invalid argument" "on"
write_ok "$T0/regions/r1/start" "$((2 * 4096))"
write_ok "$CTX/monitoring_attrs/nr_regions/min" "3"
write_ok "$CTX/monitoring_attrs/nr_regions/max" "3"
mkdir "$T0/regions/r2" "$T0/regions/r3"
for i in 2 3; do
	write_ok "$T0/regions/r$i/start" "$((i * 2 * 4096))"
	write_ok "$T0/regions/r$i/end" "$((i * 2 * 4096 + 4096))"
done
write_fails "$CTX/state" "Invalid argument" "on"
rmdir "$T0"/regions/r*
write_ok "$CTX/monitoring_attrs/nr_regions/max" "1000"
write_ok "$CTX/monitoring_attrs/nr_regions/min" "10"
expect_read "$CTX/state" "off"

echo "# monitoring keeps to the ranges"
if ! start_hot_helper 256 16 600; then
	fail "access_hot did not report its hot part"
	finish
fi
write_ok "$T0/pid_target" "$helper_pid"
# Names say nothing of order: "b" is the lower one.
low="$map_start $((map_start + 64 * MIB))"
high="$((hot_start - 8 * MIB)) $((hot_end + 8 * MIB))"
mkdir "$T0/regions/a" "$T0/regions/b"
write_ok "$T0/regions/a/start" "${high% *}"
write_ok "$T0/regions/a/end" "${high#* }"
write_ok "$T0/regions/b/start" "${low% *}"
write_ok "$T0/regions/b/end" "${low#* }"
write_ok "$CTX/state" "on"
if [ "$(cat "$CTX/state")" != on ]; then
	fail "the context did not start"
	finish
fi
sleep 1.5
expect_spans "at start" "${low/ /-} ${high/ /-}"
# Past three update intervals of the default 1 s.
sleep 2
expect_spans "after 3.5 s" "${low/ /-} ${high/ /-}"

echo "# commits change the ranges"
rmdir "$T0/regions/b"
write_ok "$CTX/state" "commit"
sleep 1.5
expect_spans "without b" "${high/ /-}"
rmdir "$T0/regions/a"
write_ok "$CTX/state" "commit"
sleep 2.5
got=$(sysfs_regions $NAME t0 | aggregation_spans)
if awk -v got="$got" -v s="$map_start" -v e="$map_end" 'BEGIN {
	n = split(got, spans, " ")
	for (i = 1; i <= n; i++) {
		split(spans[i], r, "-")
		if (r[1] + 0 <= s + 0 && r[2] + 0 >= e + 0)
			exit 0
	}
	exit 1 }'; then
	ok "without ranges, the regions cover the whole mapping again"
else
	fail "without ranges, the regions cover '$got', not all of $map_start-$map_end"
fi
write_ok "$CTX/state" "off"

finish
