#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-unwell.sh LOG: whether the kernel log LOG shows the kernel unwell
# (panic, Oops, BUG, WARNING, lockdep, KASAN, UBSAN, kmemleak, RCU stall,
# hung task).  If so, prints the first reports, indented, and exits 0;
# otherwise exits 1.  The one list of these for the whole harness.
set -u

bad='Kernel panic|Oops|BUG:|kernel BUG at|WARNING:|INFO: possible|'
bad+='general protection fault|Call Trace:|KASAN:|UBSAN:|unreferenced object|'
bad+='self-detected stall|detected stalls|blocked for more than'

grep -qE "$bad" "$1" || exit 1
grep -m 5 -E -A 3 "$bad" "$1" | sed 's/^/        /'
