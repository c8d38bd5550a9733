#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The configfs tree and its sysfs results directory: every file and its
# default after mkdir; good and bad values for every attribute (each bad
# one refused with the right error and no change); rmdir rules.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
STATE_DIR=$CFS

CTX=$CFS/tree
NAMED="a context, named freely"

cleanup() {
	cfs_remove_ctx tree
	cfs_remove_ctx "$NAMED"
}
trap cleanup EXIT

if mkdir "$CTX"; then
	ok "mkdir a context"
else
	fail "mkdir $CTX"
	finish
fi

echo "# files and defaults"
expect_read "$CTX/operations" "vaddr"
expect_read "$CTX/state" "off"
expect_read "$CTX/kdamond_pid" "-1"
expect_read "$CTX/monitoring_attrs/intervals/sample_us" "5000"
expect_read "$CTX/monitoring_attrs/intervals/aggr_us" "100000"
expect_read "$CTX/monitoring_attrs/intervals/update_us" "1000000"
expect_read "$CTX/monitoring_attrs/nr_regions/min" "10"
expect_read "$CTX/monitoring_attrs/nr_regions/max" "1000"
if [ -d "$CTX/targets" ] && [ -z "$(ls "$CTX/targets")" ]; then
	ok "targets/ is there and empty"
else
	fail "targets/ is missing or not empty"
fi
expect_read "$RESULTS/tree/nr_aggregations" "0"
if [ -d "$RESULTS/tree/targets" ]; then
	ok "the sysfs results directory came with the context"
else
	fail "no $RESULTS/tree/targets"
fi
for file in operations state monitoring_attrs/intervals/sample_us \
	    targets; do
	if [ "$(stat -c %u "$CTX/$file")" = 0 ]; then
		ok "$file belongs to root"
	else
		fail "$file belongs to uid $(stat -c %u "$CTX/$file")"
	fi
done

echo "# numeric attributes"
big_garbage=$(mktemp)
head -c 1048576 /dev/urandom > "$big_garbage"
for file in intervals/sample_us intervals/aggr_us intervals/update_us \
	    nr_regions/min nr_regions/max; do
	path=$CTX/monitoring_attrs/$file
	write_ok "$path" "7"
	expect_read "$path" "7"
	if echo 1234 > "$path"; then
		expect_read "$path" "1234"
	else
		fail "echo 1234 > $file"
	fi
	for bad in abc -1 0 12abc 0x10 18446744073709551616 " " "
"; do
		write_fails "$path" "Invalid argument" "$bad"
	done
	expect_write "Invalid argument" "$path" "1 MiB of random bytes" \
		< "$big_garbage"
	printf '7\0junk' |
		expect_write "Invalid argument" "$path" "7, a NUL and junk"
	printf '\t \n' |
		expect_write "Invalid argument" "$path" "tab, space, newline"
	# configfs itself refuses a write of nothing.
	expect_write "Bad address" "$path" "an empty write" < /dev/null
	expect_read "$path" "1234"
done

echo "# operations, state, kdamond_pid"
write_ok "$CTX/operations" "vaddr"
write_fails "$CTX/operations" "Invalid argument" "paddr"
write_fails "$CTX/operations" "Invalid argument" " "
write_fails "$CTX/state" "Invalid argument" "maybe"
write_fails "$CTX/state" "Invalid argument" "onoff"
expect_write "Bad address" "$CTX/state" "an empty write" < /dev/null
printf 'on\0' | expect_write "Invalid argument" "$CTX/state" "on and a NUL"
printf 'vaddr\0' |
	expect_write "Invalid argument" "$CTX/operations" "vaddr and a NUL"
expect_write "Invalid argument" "$CTX/state" "1 MiB of random bytes" \
	< "$big_garbage"
# Each write(2) to a configfs file is a value of its own: "on" written a
# byte at a time is "o" and then "n", and neither turns anything on.
if printf on | dd bs=1 of="$CTX/state" 2>/dev/null; then
	fail "'on' written a byte at a time was accepted"
else
	ok "'on' written a byte at a time is refused"
fi
expect_read "$CTX/state" "off"
if echo 5 > "$CTX/kdamond_pid" 2>/dev/null; then
	fail "kdamond_pid took a write"
else
	ok "kdamond_pid refuses writes"
fi

echo "# targets"
if mkdir "$CTX/targets/first"; then
	ok "mkdir targets/first"
else
	fail "mkdir targets/first"
fi
expect_read "$CTX/targets/first/pid_target" "0"
expect_read "$RESULTS/tree/targets/first/pid" "-1"
expect_read "$RESULTS/tree/targets/first/nr_regions" "0"
write_ok "$CTX/targets/first/pid_target" "$$"
expect_read "$CTX/targets/first/pid_target" "$$"
for bad in abc -5 0 2147483648 " " 1.5; do
	write_fails "$CTX/targets/first/pid_target" "Invalid argument" "$bad"
done
printf '%s\0' "$$" | expect_write "Invalid argument" \
	"$CTX/targets/first/pid_target" "a pid and a NUL"
expect_write "Invalid argument" "$CTX/targets/first/pid_target" \
	"1 MiB of random bytes" < "$big_garbage"
rm -f "$big_garbage"

echo "# rmdir"
expect_rmdir "Directory not empty" "$CTX"
expect_rmdir "Operation not permitted" "$CTX/targets"
expect_rmdir "Operation not permitted" "$CTX/monitoring_attrs/intervals"
expect_rmdir "" "$CTX/targets/first"
if [ -d "$RESULTS/tree/targets/first" ]; then
	fail "the sysfs directory of the removed target is still there"
else
	ok "the sysfs directory of the removed target went with it"
fi
expect_rmdir "" "$CTX"
if [ -d "$RESULTS/tree" ]; then
	fail "the sysfs results directory outlived its context"
else
	ok "the sysfs results directory went with its context"
fi

echo "# names"
if mkdir "$CFS/$NAMED" && [ -d "$RESULTS/$NAMED/targets" ]; then
	ok "a context named '$NAMED'"
else
	fail "a context named '$NAMED'"
fi
expect_rmdir "" "$CFS/$NAMED"

finish
