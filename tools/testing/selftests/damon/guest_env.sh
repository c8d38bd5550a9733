#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel interfaces that the DAMON selftests stand on: configfs, debugfs
# and tracefs mounted, transparent huge pages available.

ksft_skip=4
failed=0

fail() {
	echo "FAIL: $*"
	failed=1
}

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: must be run as root"
	exit $ksft_skip
fi

for fs in configfs debugfs tracefs; do
	if grep -q " $fs " /proc/mounts; then
		echo "ok: $fs mounted"
	else
		fail "$fs is not mounted"
	fi
done

thp=/sys/kernel/mm/transparent_hugepage/enabled
if grep -q '\[always\]\|\[madvise\]' "$thp" 2>/dev/null; then
	echo "ok: transparent huge pages: $(cat $thp)"
else
	fail "transparent huge pages unavailable ($thp)"
fi

exit $failed
