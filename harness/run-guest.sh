#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-guest.sh BZIMAGE INITRAMFS OUTDIR TIMEOUT_SECONDS [TESTS]
#
# Boots the test guest under QEMU and judges the run: the KUnit KTAP in the
# kernel log (OUTDIR/console.log), the kselftest TAP from the second serial
# port (OUTDIR/kselftest.tap), and the log's health. TESTS, a
# space-separated list of kselftest names, runs only those. Prints a line per test,
# then "N passed, N failed"; exits non-zero if anything failed.
set -u

kernel=$1 initrd=$2 out=$3 limit=$4 only=${5:-}
console=$out/console.log
tap=$out/kselftest.tap
mkdir -p "$out"
rm -f "$console" "$tap"

echo "  BOOT    $kernel (log: $console, up to ${limit}s)"
timeout "$limit" qemu-system-x86_64 -nographic -monitor none -no-reboot \
	-smp 2 -m 2G -kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 oops=panic${only:+ guest.tests=${only// /,}}" \
	-serial stdio -serial "file:$tap" < /dev/null > "$console" 2>&1
qemu_rc=$?
touch "$tap"

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

	# kselftest: "ok N selftests: damon: NAME", with the test output
	# before it as "# " lines.
	tr -d '\r' < "$tap" | awk '
	/^1\.\.[0-9]+$/ { planned = substr($0, 4) }
	/^# selftests: / { out = ""; next }
	/^# / { out = out "        " substr($0, 3) "\n"; next }
	/^(not )?ok [0-9]+ selftests: / {
		name = ($1 == "not") ? $5 $6 : $4 $5
		verdict = ($1 == "not") ? "FAIL" : (/# SKIP/ ? "SKIP" : "PASS")
		printf "%s kselftest %s\n", verdict, name
		if (verdict == "FAIL")
			printf "%s", out
		seen++
	}
	END {
		if (planned == "")
			print "FAIL kselftest (the guest never reported)"
		else if (seen < planned)
			printf "FAIL kselftest (%d of %d tests reported)\n", seen, planned
	}'

	if [ "$qemu_rc" -eq 124 ]; then
		echo "FAIL guest (killed after ${limit}s: hung)"
	elif [ "$qemu_rc" -ne 0 ]; then
		echo "FAIL guest (qemu exited with status $qemu_rc)"
	fi
	# Anything the kernel says when it is unwell fails the run.
	bad='Kernel panic|Oops|BUG:|kernel BUG at|WARNING:|INFO: possible|'
	bad+='general protection fault|Call Trace:|KASAN:|UBSAN:|unreferenced object|'
	bad+='self-detected stall|detected stalls|blocked for more than'
	if grep -qE "$bad" "$console"; then
		echo "FAIL kernel log (a report, see $console)"
		grep -m 5 -E -A 3 "$bad" "$console" | sed 's/^/        /'
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
