#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What DAMON's users do: trace-cmd record -e damon:damon_aggregated, then
# trace-cmd report.  The recording must hold every aggregation of a known
# workload whole and in order, with the hot part found (see
# check_recording).

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$EVENT"
command -v trace-cmd > /dev/null ||
	{ echo "SKIP: no trace-cmd"; exit $ksft_skip; }

DATA=/tmp/trace_cmd_record.dat

cleanup() {
	cfs_remove_ctx tcmdrec
	stop_helpers
	rm -f "$DATA"
}
trap cleanup EXIT

record() {
	trace-cmd record -q -e damon:damon_aggregated -o "$DATA" "$@" \
		> /dev/null && trace-cmd report -i "$DATA"
}

check_recording tcmdrec record
finish
