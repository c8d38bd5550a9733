#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# <debugfs>/damon/schemes: a line of 18 numbers per scheme, read back with
# its five statistics; a blank write removes them all; every bad line
# refused with -EINVAL and no change, the whole write with it; -EBUSY
# while monitoring; a stat scheme's statistics grow on a running process,
# up to its size quota, and not at all while its watermarks keep it off.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/schemes"

# <sz> <acc> <age> ranges, action, quota, watermarks: upstream's format.
STAT_ALL="0 18446744073709551615 0 18446744073709551615 0 18446744073709551615 5 0 0 0 0 0 0 0 0 0 0 0"
PAGEOUT="4096 1048576 0 0 10 100 2 10 1048576 1000 1 2 3 1 100000 900 500 100"
BAD_WORDS="0 1 0 1 0 1 5 0 0 0 0 0 0 0 0 0 0"

cleanup() {
	echo off > "$DBGFS/monitor_on" 2>/dev/null
	echo > "$DBGFS/schemes"
	stop_helpers
}
trap cleanup EXIT

echo "# settings"
expect_read "$DBGFS/schemes" ""
write_ok "$DBGFS/schemes" "$PAGEOUT"
expect_read "$DBGFS/schemes" "$PAGEOUT 0 0 0 0 0"
write_ok "$DBGFS/schemes" "$STAT_ALL
$PAGEOUT"
expect_read "$DBGFS/schemes" "$STAT_ALL 0 0 0 0 0
$PAGEOUT 0 0 0 0 0"

echo "# bad lines"
write_fails "$DBGFS/schemes" "Invalid argument" "$BAD_WORDS"
write_fails "$DBGFS/schemes" "Invalid argument" "$STAT_ALL 0"
write_fails "$DBGFS/schemes" "Invalid argument" "${STAT_ALL/ 5 / 6 }"
write_fails "$DBGFS/schemes" "Invalid argument" "${STAT_ALL/ 5 / -1 }"
write_fails "$DBGFS/schemes" "Invalid argument" "${STAT_ALL/ 5 / stat }"
# Size, then age, with min above max.
write_fails "$DBGFS/schemes" "Invalid argument" "2 1 ${STAT_ALL#* * }"
write_fails "$DBGFS/schemes" "Invalid argument" "${PAGEOUT/ 10 100 / 100 10 }"
# A watermark metric that does not exist; watermarks out of order.
write_fails "$DBGFS/schemes" "Invalid argument" "${PAGEOUT/ 1 100000 / 2 100000 }"
write_fails "$DBGFS/schemes" "Invalid argument" "${PAGEOUT/ 900 500 100/ 100 500 900}"
write_fails "$DBGFS/schemes" "Invalid argument" "${PAGEOUT/ 900 500 100/ 1001 500 100}"
# A quota weight past the most there is.
write_fails "$DBGFS/schemes" "Invalid argument" "${PAGEOUT/ 1 2 3 / 10001 2 3 }"
# One bad line spoils the whole write.
write_fails "$DBGFS/schemes" "Invalid argument" "$STAT_ALL
$BAD_WORDS"
printf '%s\0' "$STAT_ALL" |
	expect_write "Invalid argument" "$DBGFS/schemes" "a line with a NUL byte"
write_ok "$DBGFS/schemes" " "
expect_read "$DBGFS/schemes" ""

echo "# statistics of a running stat scheme"
start_hot_helper 64 8 600 || fail "access_hot did not start"
write_ok "$DBGFS/schemes" "$STAT_ALL"
write_ok "$DBGFS/target_ids" "$helper_pid"
write_ok "$DBGFS/monitor_on" "on"
# The statistics move while on: only the settings must stay.
settings=$(cut -d' ' -f1-18 "$DBGFS/schemes")
out=$(printf '%s' "$PAGEOUT" | "$HERE/write_once" "$DBGFS/schemes")
if [ "$out" = "Device or resource busy" ] &&
   [ "$(cut -d' ' -f1-18 "$DBGFS/schemes")" = "$settings" ]; then
	ok "a write while on: $out, settings unchanged"
else
	fail "a write while on: '${out:-success}', settings now $(cut -d' ' -f1-18 "$DBGFS/schemes")"
fi
sleep 2
read -r -a line < "$DBGFS/schemes"
echo "# statistics: ${line[*]:18}"
if [ "${line[18]}" -gt 0 ] && [ "${line[19]}" -gt 0 ]; then
	ok "nr_tried ${line[18]}, sz_tried ${line[19]}"
else
	fail "nothing tried: ${line[*]:18}"
fi
if [ "${line[20]}" = 0 ] && [ "${line[21]}" = 0 ]; then
	ok "stat applies nothing"
else
	fail "stat applied: ${line[*]:18}"
fi
write_ok "$DBGFS/monitor_on" "off"
read -r -a after < "$DBGFS/schemes"
if [ "${after[18]}" -ge "${line[18]}" ]; then
	ok "the statistics stay readable when off"
else
	fail "nr_tried went from ${line[18]} to ${after[18]}"
fi

echo "# a quota of 1 MiB in an hour, and watermarks no free memory is under"
# Everything matches; weights 0: address order.
QUOTA="${STAT_ALL% 0 0 0 0 0 0 0 0 0 0 0} 0 1048576 3600000 0 0 0 0 0 0 0 0"
WMARKS="${STAT_ALL% 0 0 0 0 0} 1 100000 0 0 0"
write_ok "$DBGFS/schemes" "$QUOTA
$WMARKS"
write_ok "$DBGFS/monitor_on" "on"
sleep 2
write_ok "$DBGFS/monitor_on" "off"
mapfile -t lines < "$DBGFS/schemes"
read -r -a quota <<< "${lines[0]}"
read -r -a wmarks <<< "${lines[1]}"
if [ "${quota[19]}" = 1048576 ] && [ "${quota[22]}" = 1 ]; then
	ok "quota: sz_tried ${quota[19]}, qt_exceeds ${quota[22]}"
else
	fail "quota: ${quota[*]:18}"
fi
if [ "${wmarks[18]}" = 0 ]; then
	ok "watermarks: nothing tried"
else
	fail "watermarks: ${wmarks[*]:18}"
fi

finish
