#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What DAMON's users do: perf record -a -e damon:damon_aggregated, then perf
# script.  The recording must hold every aggregation of a known workload
# whole and in order, with the hot part found (see check_recording).

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$EVENT"
command -v perf > /dev/null || { echo "SKIP: no perf"; exit $ksft_skip; }

DATA=/tmp/perf_record.data

cleanup() {
	cfs_remove_ctx perfrec
	stop_helpers
	rm -f "$DATA"
}
trap cleanup EXIT

record() {
	perf record -q -a -e damon:damon_aggregated -o "$DATA" -- "$@" &&
		perf script -i "$DATA"
}

check_recording perfrec record
finish
