#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run after every other test, on kernels with kmemleak: nothing the tests
# did leaked memory.  A struct pid whose reference was never dropped shows
# up here too.  /init set the boot's reports aside before the tests, but a
# leak of boot that kmemleak finds only later is not ours either: an object
# counts as ours if its allocation backtrace goes through our code
# (damon_symbols, made from mm/damon/*.o when the initramfs is built) or if
# it was allocated after the tests started (DAMON_TESTS_START, uptime in
# seconds, set by /init; without it, every object counts).

. "$(dirname "$0")/damon_lib.sh"

KMEMLEAK=/sys/kernel/debug/kmemleak
SYMBOLS=$HERE/damon_symbols
skip_unless "$KMEMLEAK" "$SYMBOLS"

# judge NOW START < REPORT: one line per object of a kmemleak report, "ours"
# or "other", its address and size, and its first frames.  NOW and START
# are uptimes in seconds: the report's and the tests' start.
judge() {
	awk -v now="$1" -v start="$2" -v symbols="$SYMBOLS" '
	BEGIN { while ((getline s < symbols) > 0) ours[s] = 1 }
	function verdict() {
		if (obj == "")
			return
		printf "%s %s |%s\n", (mine ? "ours" : "other"), obj, frames
	}
	/^unreferenced object/ { verdict(); obj = $3 " " $4 " " $5; mine = 0; frames = ""; next }
	/jiffies .*\(age / {
		age = $0; sub(/.*\(age /, "", age); sub(/s\).*/, "", age)
		if (now - age >= start)
			mine = 1
		next
	}
	/^    \[<[0-9a-f]+>\] / {
		sym = $2; sub(/\+0x.*/, "", sym)
		if (sym in ours)
			mine = 1
		if (split(frames, f, " ") < 4)
			frames = frames " " sym
	}
	END { verdict() }'
}

# The judge itself, on a report in kmemleak's format: an object of boot
# from elsewhere, one of boot from our code, one allocated during the tests.
ours_sym=$(head -n 1 "$SYMBOLS")
sample="unreferenced object 0xffff888001 (size 64):
  comm \"swapper/0\", pid 1, jiffies 4294668000 (age 95.000s)
  hex dump (first 32 bytes):
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
  backtrace:
    [<ffffffff81001000>] kmem_cache_alloc+0x10/0x20
    [<ffffffff81002000>] acpi_ut_create_caches+0x20/0x40
unreferenced object 0xffff888002 (size 32):
  comm \"swapper/0\", pid 1, jiffies 4294668000 (age 95.000s)
  backtrace:
    [<ffffffff81001000>] kmalloc_trace+0x10/0x20
    [<ffffffff81003000>] $ours_sym+0x20/0x40
unreferenced object 0xffff888003 (size 128):
  comm \"sh\", pid 200, jiffies 4294690000 (age 5.000s)
  backtrace:
    [<ffffffff81001000>] kmem_cache_alloc+0x10/0x20
    [<ffffffff81004000>] alloc_pid+0x20/0x40"
verdicts=$(echo "$sample" | judge 100 10 | cut -d' ' -f1 | tr '\n' ' ')
if [ "$verdicts" = "other ours ours " ]; then
	ok "the judge tells boot leaks of other code from ours"
else
	fail "the judge says '$verdicts' of other, ours, ours"
fi

# kmemleak reports objects older than five seconds, after two scans.
sleep 6
echo scan > "$KMEMLEAK"
echo scan > "$KMEMLEAK"
now=$(cut -d' ' -f1 /proc/uptime)
report=$(cat "$KMEMLEAK")
judged=$(echo "$report" | judge "$now" "${DAMON_TESTS_START:-0}")

nr_ours=$(echo "$judged" | grep -c '^ours ')
nr_other=$(echo "$judged" | grep -c '^other ')
if [ "$nr_other" -gt 0 ]; then
	echo "note: $nr_other object(s) leaked at boot by other code, not ours:"
	echo "$judged" | grep '^other ' | head -10 | sed 's/^other /    /'
fi
if [ "$nr_ours" -eq 0 ]; then
	ok "kmemleak reports nothing of ours"
else
	fail "kmemleak reports $nr_ours object(s) of ours:"
	echo "$judged" | grep '^ours ' | head -20 | sed 's/^ours /    /'
	echo "$report" | head -80
fi

finish
