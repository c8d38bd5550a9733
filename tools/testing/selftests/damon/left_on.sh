#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The last test: leaves a configfs context and debugfs monitoring on, so
# that the guest powers off with kdamonds running.  The kernel log must
# stay clean through the power-off.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$DBGFS/monitor_on"

# The targets outlive the test: they must not hold its output open.
sleep 3600 > /dev/null 2>&1 &
cfs_make_ctx left_on $!
write_ok "$CFS/left_on/state" "on"
sleep 3600 > /dev/null 2>&1 &
write_ok "$DBGFS/target_ids" "$!"
write_ok "$DBGFS/monitor_on" "on"
expect_read "$CFS/left_on/state" "on"
expect_read "$DBGFS/monitor_on" "on"

finish
