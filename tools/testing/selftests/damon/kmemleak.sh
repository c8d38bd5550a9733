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

# kmemleak reports objects older than five seconds, after two scans.
sleep 6
echo scan > "$KMEMLEAK"
echo scan > "$KMEMLEAK"
now=$(cut -d' ' -f1 /proc/uptime)
report=$(cat "$KMEMLEAK")

# One line per object: "ours" or "other", its header, its first frames.
judged=$(echo "$report" | awk -v now="$now" -v start="${DAMON_TESTS_START:-0}" \
	-v symbols="$SYMBOLS" '
	BEGIN { while ((getline s < symbols) > 0) ours[s] = 1 }
	function judge() {
		if (obj == "")
			return
		printf "%s %s |%s\n", (mine ? "ours" : "other"), obj, frames
	}
	/^unreferenced object/ { judge(); obj = $3 " " $4 " " $5; mine = 0; frames = ""; next }
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
	END { judge() }')

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
