#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every file of <debugfs>/damon: defaults, good values, bad values (each
# refused with the right error and no change), -EBUSY while monitoring.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$DBGFS/monitor_on"

DEFAULT_ATTRS="5000 100000 1000000 10 1000"

cleanup() {
	echo off > "$DBGFS/monitor_on" 2>/dev/null
	for name in ctx1 ctx2; do
		[ -d "$DBGFS/$name" ] && echo "$name" > "$DBGFS/rm_contexts"
	done
	echo "$DEFAULT_ATTRS" > "$DBGFS/attrs"
	stop_helpers
}
trap cleanup EXIT

sleep 600 &
pid1=$!
sleep 600 &
pid2=$!
helper_pids="$pid1 $pid2"
true &
dead=$!
wait $dead

echo "# defaults"
expect_read "$DBGFS/attrs" "$DEFAULT_ATTRS"
expect_read "$DBGFS/target_ids" ""
expect_read "$DBGFS/kdamond_pid" "none"
expect_read "$DBGFS/monitor_on" "off"

echo "# attrs"
write_ok "$DBGFS/attrs" "10000 200000 2000000 5 500"
expect_read "$DBGFS/attrs" "10000 200000 2000000 5 500"
if echo "  7000 70000 700000 3 3  " > "$DBGFS/attrs"; then
	expect_read "$DBGFS/attrs" "7000 70000 700000 3 3"
else
	fail "echo of attrs with spaces and a newline failed"
fi
for bad in "0 100000 1000000 10 1000" "5000 0 1000000 10 1000" \
	   "5000 100000 0 10 1000" "200000 100000 1000000 10 1000" \
	   "5000 100000 1000000 2 1000" "5000 100000 1000000 10 9" \
	   "5000 100000 1000000 10" "5000 100000 1000000 10 1000 7" \
	   "-5000 100000 1000000 10 1000" "5000 100000 1000000 10 0x10" \
	   "18446744073709551616 100000 1000000 10 1000" \
	   "5000 100000 1000000 10 1000abc" "abc" " " "" "
"; do
	write_fails "$DBGFS/attrs" "Invalid argument" "$bad"
done
printf '5000\0 100000 1000000 10 1000' |
	expect_write "Invalid argument" "$DBGFS/attrs" "attrs with a NUL byte"
head -c 4000 /dev/urandom |
	expect_write "Invalid argument" "$DBGFS/attrs" "4000 random bytes"
head -c 1048576 /dev/urandom |
	expect_write "Invalid argument" "$DBGFS/attrs" "1 MiB of random bytes"
before=$(tree_state)
if printf '5000 100000 1000000 10 1000' |
	dd bs=5 of="$DBGFS/attrs" 2>/dev/null; then
	fail "attrs written in pieces of 5 bytes was accepted"
elif [ "$before" != "$(tree_state)" ]; then
	fail "attrs written in pieces changed the files"
else
	ok "attrs written in pieces of 5 bytes is refused"
fi
write_ok "$DBGFS/attrs" "$DEFAULT_ATTRS"

echo "# target_ids"
write_ok "$DBGFS/target_ids" "$pid1"
expect_read "$DBGFS/target_ids" "$pid1"
write_ok "$DBGFS/target_ids" "$pid1 $pid2"
expect_read "$DBGFS/target_ids" "$pid1 $pid2"
for bad in abc -1 0 2 "$pid1 $pid1" "$pid1 abc" 99999999999 ""; do
	write_fails "$DBGFS/target_ids" "Invalid argument" "$bad"
done
# Blanks clear the targets, as upstream's ABI says.
write_ok "$DBGFS/target_ids" " "
expect_read "$DBGFS/target_ids" ""
write_ok "$DBGFS/target_ids" "$pid1 $pid2"
write_ok "$DBGFS/target_ids" "
"
expect_read "$DBGFS/target_ids" ""
write_fails "$DBGFS/target_ids" "No such process" "$dead"
write_fails "$DBGFS/target_ids" "No such process" "$pid2 $dead"
head -c 1048576 /dev/urandom |
	expect_write "Invalid argument" "$DBGFS/target_ids" "1 MiB of random bytes"
write_ok "$DBGFS/target_ids" "$pid1"

echo "# kdamond_pid"
write_fails "$DBGFS/kdamond_pid" "Invalid argument" "1"

echo "# mk_contexts and rm_contexts"
write_ok "$DBGFS/mk_contexts" "ctx1"
for file in attrs target_ids init_regions kdamond_pid; do
	if [ -f "$DBGFS/ctx1/$file" ]; then
		ok "ctx1/$file exists"
	else
		fail "ctx1/$file is missing"
	fi
done
expect_read "$DBGFS/ctx1/attrs" "$DEFAULT_ATTRS"
expect_read "$DBGFS/ctx1/kdamond_pid" "none"
if echo ctx2 > "$DBGFS/mk_contexts" && [ -d "$DBGFS/ctx2" ]; then
	ok "echo ctx2 > mk_contexts"
else
	fail "echo ctx2 > mk_contexts made no ctx2"
fi
write_fails "$DBGFS/mk_contexts" "File exists" "ctx1"
write_fails "$DBGFS/mk_contexts" "File exists" "monitor_on"
long=$(printf 'x%.0s' $(seq 64))
for bad in "" " " "a/b" "." ".." "$long"; do
	write_fails "$DBGFS/mk_contexts" "Invalid argument" "$bad"
done
printf 'a\tb' |
	expect_write "Invalid argument" "$DBGFS/mk_contexts" "a name with a tab"
head -c 4000 /dev/urandom |
	expect_write "Invalid argument" "$DBGFS/mk_contexts" "4000 random bytes"
write_fails "$DBGFS/rm_contexts" "No such file or directory" "nope"
write_fails "$DBGFS/rm_contexts" "Invalid argument" ""
write_ok "$DBGFS/rm_contexts" "ctx2"
if [ -d "$DBGFS/ctx2" ]; then
	fail "ctx2 is still there after rm_contexts"
else
	ok "ctx2 is gone"
fi

echo "# monitor_on"
for bad in maybe "" 1 "on off"; do
	write_fails "$DBGFS/monitor_on" "Invalid argument" "$bad"
done
# ctx1 has no target yet.
write_fails "$DBGFS/monitor_on" "Invalid argument" "on"
write_ok "$DBGFS/ctx1/target_ids" "$pid2"
write_ok "$DBGFS/monitor_on" "on"
expect_read "$DBGFS/monitor_on" "on"
kpid1=$(cat "$DBGFS/kdamond_pid")
kpid2=$(cat "$DBGFS/ctx1/kdamond_pid")
comm1=$(cat "/proc/$kpid1/comm" 2>/dev/null)
comm2=$(cat "/proc/$kpid2/comm" 2>/dev/null)
if [ "$kpid1" != "$kpid2" ] && [ "${comm1#kdamond.}" != "$comm1" ] &&
   [ "${comm2#kdamond.}" != "$comm2" ]; then
	ok "two kdamonds: $kpid1 ($comm1) and $kpid2 ($comm2)"
else
	fail "kdamond_pid files read '$kpid1' ($comm1) and '$kpid2' ($comm2)"
fi
write_fails "$DBGFS/attrs" "Device or resource busy" "$DEFAULT_ATTRS"
write_fails "$DBGFS/ctx1/attrs" "Device or resource busy" "$DEFAULT_ATTRS"
write_fails "$DBGFS/target_ids" "Device or resource busy" "$pid2"
write_fails "$DBGFS/mk_contexts" "Device or resource busy" "ctx2"
write_fails "$DBGFS/rm_contexts" "Device or resource busy" "ctx1"
write_fails "$DBGFS/monitor_on" "Device or resource busy" "on"
write_ok "$DBGFS/monitor_on" "off"
expect_read "$DBGFS/monitor_on" "off"
expect_read "$DBGFS/kdamond_pid" "none"
expect_read "$DBGFS/ctx1/kdamond_pid" "none"
if [ -e "/proc/$kpid1" ] || [ -e "/proc/$kpid2" ]; then
	fail "a kdamond is still there after off"
else
	ok "both kdamonds are gone"
fi
write_ok "$DBGFS/monitor_on" "off"

echo "# a target that has exited"
sleep 600 &
victim=$!
write_ok "$DBGFS/ctx1/target_ids" "$victim"
kill $victim
wait $victim 2>/dev/null
write_fails "$DBGFS/monitor_on" "No such process" "on"
expect_read "$DBGFS/kdamond_pid" "none"
write_ok "$DBGFS/rm_contexts" "ctx1"

finish
