#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-guest.sh BZIMAGE INITRAMFS OUTDIR TIMEOUT_SECONDS [TESTS]
#
# Boots the test guest under QEMU and judges the run: the KUnit KTAP in the
# kernel log (OUTDIR/console.log), our kselftest TAP from the second serial
# port (OUTDIR/kselftest.tap), upstream's DAMON selftests' TAP from the
# third (OUTDIR/upstream.tap), and the log's health. TESTS, a
# space-separated list of our kselftests' names, runs only those, and not
# upstream's. Prints a line per test,
# then "N passed, N failed"; exits non-zero if anything failed.
set -u

kernel=$1 initrd=$2 out=$3 limit=$4 only=${5:-}
harness=$(cd "$(dirname "$0")" && pwd)
console=$out/console.log
tap=$out/kselftest.tap
upstream_tap=$out/upstream.tap
mkdir -p "$out"
rm -f "$console" "$tap" "$upstream_tap"

echo "  BOOT    $kernel (log: $console, up to ${limit}s)"
timeout "$limit" "$harness/qemu.sh" "$kernel" "$initrd" \
	"console=ttyS0 panic=-1 oops=panic${only:+ guest.tests=${only// /,}}" \
	"$tap" "$upstream_tap" < /dev/null > "$console" 2>&1
qemu_rc=$?
touch "$tap" "$upstream_tap"

# tap_results LABEL TAP [DIFFERENCES]: a line per test of a kselftest TAP
# ("ok N selftests: damon: NAME", with the test's output before it as "# "
# lines), with the reason of a skip.  A test that DIFFERENCES lists ("NAME |
# the line it fails with | why") is a SKIP when it fails with that line,
# and a FAIL otherwise.
tap_results() {
	tr -d '\r' < "$2" | awk -v label="$1" -v diffs="${3:-/dev/null}" '
	BEGIN {
		while ((getline line < diffs) > 0) {
			if (line ~ /^#/ || split(line, f, / \| /) != 3)
				continue
			expect[f[1]] = f[2]
			why[f[1]] = f[3]
		}
	}
	/^1\.\.[0-9]+$/ { planned = substr($0, 4) }
	/^# selftests: / { out = last = ""; next }
	/^# / { last = substr($0, 3); out = out "        " last "\n"; next }
	/^(not )?ok [0-9]+ selftests: / {
		name = ($1 == "not") ? $5 $6 : $4 $5
		test = substr(name, index(name, ":") + 1)
		verdict = ($1 == "not") ? "FAIL" : (/# SKIP/ ? "SKIP" : "PASS")
		note = ""
		if (test in expect) {
			if (verdict == "FAIL" && index(out, expect[test])) {
				verdict = "SKIP"
				note = " (" why[test] ")"
			} else {
				note = " (listed in upstream-differences, but did not fail with: " expect[test] ")"
				verdict = "FAIL"
			}
		}
		# A test that skips itself says why last.
		if (verdict == "SKIP" && note == "" && last != "")
			note = " (" last ")"
		printf "%s %s %s%s\n", verdict, label, name, note
		if (verdict == "FAIL")
			printf "%s", out
		seen++
	}
	END {
		if (planned == "")
			printf "FAIL %s (the guest never reported)\n", label
		else if (seen < planned)
			printf "FAIL %s (%d of %d tests reported)\n", label,
				seen, planned
	}'
}

results=$out/results.txt
{
	# KUnit: suites are "# Subtest:" blocks; their cases are the
	# "ok"/"not ok" lines indented by four spaces.
	tr -d '\r' < "$console" | awk '
	/^    # Subtest: / { suite = $3; started[suite] = 1; diag = ""; next }
	/^    (not )?ok [0-9]+ / {
		name = ($1 == "not") ? $4 : $3
		verdict = ($1 == "not") ? "FAIL" : (/# SKIP/ ? "SKIP" : "PASS")
		printf "%s kunit %s.%s\n", verdict, suite, name
		if (verdict == "FAIL")
			printf "%s", diag
		diag = ""
		next
	}
	/^    / && !/^    (KTAP|1\.\.)/ { diag = diag "    " $0 "\n"; next }
	/^(not )?ok [0-9]+ / { finished[($1 == "not") ? $4 : $3] = 1 }
	END {
		n = 0
		for (s in started) {
			n++
			if (!(s in finished))
				printf "FAIL kunit %s (suite did not finish)\n", s
		}
		if (!n)
			print "FAIL kunit (no KUnit results in the kernel log)"
	}'

	tap_results kselftest "$tap"
	[ -n "$only" ] || tap_results upstream "$upstream_tap" \
		"$harness/upstream-differences"

	if [ "$qemu_rc" -eq 124 ]; then
		echo "FAIL guest (killed after ${limit}s: hung)"
	elif [ "$qemu_rc" -ne 0 ]; then
		echo "FAIL guest (qemu exited with status $qemu_rc)"
	fi
	if report=$("$harness/kernel-unwell.sh" "$console"); then
		echo "FAIL kernel log (a report, see $console)"
		echo "$report"
	fi
} > "$results"

cat "$results"
passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
skipped=$(grep -c '^SKIP ' "$results")
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
