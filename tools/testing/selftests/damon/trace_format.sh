#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# damon:damon_aggregated has upstream's fields, in upstream's order, and
# its print format, so that perf and trace-cmd users read our events.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$EVENT/format"

expected="field:unsigned long target_id;
field:unsigned int nr_regions;
field:unsigned long start;
field:unsigned long end;
field:unsigned int nr_accesses;
field:unsigned int age;"
fields=$(grep -o 'field:[^;]*;' "$EVENT/format" | grep -v 'common_')
if [ "$fields" = "$expected" ]; then
	ok "fields: $(echo "$fields" | tr '\n' ' ')"
else
	fail "fields are:"
	echo "$fields"
fi

fmt='print fmt: "target_id=%lu nr_regions=%u %lu-%lu: %u %u", REC->target_id, REC->nr_regions, REC->start, REC->end, REC->nr_accesses, REC->age'
if grep -qxF "$fmt" "$EVENT/format"; then
	ok "print format matches"
else
	fail "print format is: $(grep 'print fmt' "$EVENT/format")"
fi

finish
