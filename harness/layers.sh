#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# layers.sh TREE
#
# The call graph between the files of mm/damon/, from the symbols their
# objects define and use (nm): prints the files lowest layer first, each
# with the files it calls, and fails if files call each other, directly or
# through others.  KUnit suites, which call what they test, are left out.
set -euo pipefail

cd "$1/mm/damon"
objs=""
for obj in *.o; do
	case $obj in *_test.o | built-in.o | *.mod.o) ;; *) objs+=" $obj" ;; esac
done
# "CALLEE CALLER" pairs: the file defining a symbol, the file using it.
# shellcheck disable=SC2086 # a list of files
edges=$({ nm -A --defined-only $objs | awk '$2 ~ /^[TD]$/ { print "def", $1, $3 }'
	  nm -A -u $objs | awk '{ print "use", $1, $3 }'
	  for obj in $objs; do echo "self $obj: $obj"; done; } |
	awk '{ sub(/\.o:.*/, "", $2) }
	     $1 == "def" { def[$3] = $2 }
	     $1 == "use" && ($3 in def) { print def[$3], $2 }
	     $1 == "self" { print $2, $2 }' | sort -u)
if ! order=$(tsort <<< "$edges" 2>/dev/null); then
	echo "layers: files of mm/damon call each other:" >&2
	tsort <<< "$edges" 2>&1 >/dev/null | sed 's/^/  /' >&2
	exit 1
fi
for f in $order; do
	calls=$(awk -v f="$f" '$2 == f && $1 != f { print $1 }' <<< "$edges" |
		paste -sd ' ')
	echo "  LAYER   $f${calls:+ -> $calls}"
done
