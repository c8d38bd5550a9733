#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the DAMON selftests: check reporting, one-write checks of
# interface files, helper processes and the damon_aggregated trace.

# "printf x | expect_write ..." must count a failure in this shell, not in
# a pipeline's subshell whose counter is lost.
shopt -s lastpipe
ksft_skip=4
HERE=$(dirname "$(readlink -f "$0")")
DBGFS=/sys/kernel/debug/damon
CFS=/sys/kernel/config/damon
RESULTS=/sys/kernel/mm/damon/contexts
# The tree whose files a refused write must leave as they were.
STATE_DIR=$DBGFS
TRACEFS=/sys/kernel/tracing
EVENT=$TRACEFS/events/damon/damon_aggregated
nr_failed=0
helper_pids=""
# kernel_log_mark WHAT: "damon selftest: TEST WHAT, uptime N s" in the
# kernel log, so that it says what ran when, and a hang names its test.
kernel_log_mark() {
	echo "damon selftest: $(basename "$0") $*, uptime $(cut -d' ' -f1 /proc/uptime) s" \
		> /dev/kmsg 2>/dev/null
}
kernel_log_mark starts

ok() {
	echo "ok: $*"
}

fail() {
	echo "FAIL: $*"
	nr_failed=$((nr_failed + 1))
}

skip_unless() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: must be run as root"
		exit $ksft_skip
	fi
	for path in "$@"; do
		if [ ! -e "$path" ]; then
			echo "SKIP: $path does not exist"
			exit $ksft_skip
		fi
	done
}

finish() {
	kernel_log_mark "ends, $nr_failed failed"
	if [ "$nr_failed" -ne 0 ]; then
		echo "$nr_failed check(s) failed"
		exit 1
	fi
	exit 0
}

# Every readable file under STATE_DIR, with its content.
tree_state() {
	grep -r . "$STATE_DIR" 2>/dev/null | sort
}

# expect_write ERROR FILE WHAT < INPUT: one write of INPUT to FILE fails
# with the strerror text ERROR and changes nothing, or succeeds if ERROR
# is empty.
expect_write() {
	local error=$1 file=$2 what=$3 before out status

	before=$(tree_state)
	out=$("$HERE/write_once" "$file")
	status=$?
	if [ -z "$error" ]; then
		if [ $status -eq 0 ]; then
			ok "$what > ${file#"$STATE_DIR"/}"
		else
			fail "$what > ${file#"$STATE_DIR"/}: $out"
		fi
		return
	fi
	if [ "$out" != "$error" ]; then
		fail "$what > ${file#"$STATE_DIR"/}: wanted '$error', got '${out:-success}'"
	elif [ "$before" != "$(tree_state)" ]; then
		fail "$what > ${file#"$STATE_DIR"/}: failed but changed the files"
	else
		ok "$what > ${file#"$STATE_DIR"/}: $error"
	fi
}

write_ok() {
	printf '%s' "$2" | expect_write "" "$1" "'$2'"
}

write_fails() {
	printf '%s' "$3" | expect_write "$2" "$1" "'$3'"
}

# expect_read FILE VALUE: FILE reads VALUE.
expect_read() {
	local got

	got=$(cat "$1")
	if [ "$got" = "$2" ]; then
		ok "${1#"$STATE_DIR"/} reads '$2'"
	else
		fail "${1#"$STATE_DIR"/} reads '$got', not '$2'"
	fi
}

# start_reporting_helper PROG [ARGS...]: runs $HERE/PROG in the background
# and waits up to 20 s for the line it prints once its memory is ready;
# sets helper_pid and helper_report.  Fails if PROG exits or never reports.
start_reporting_helper() {
	local out i

	out=$(mktemp)
	"$HERE/$1" "${@:2}" > "$out" &
	helper_pid=$!
	helper_pids="$helper_pids $helper_pid"
	helper_report=""
	for i in $(seq 100); do
		read -r helper_report < "$out"
		[ -n "$helper_report" ] && break
		kill -0 "$helper_pid" 2>/dev/null || break
		sleep 0.2
	done
	rm -f "$out"
	[ -n "$helper_report" ]
}

# start_hot_helper TOTAL_MIB HOT_MIB SECONDS: runs access_hot in the
# background; sets helper_pid, hot_start, hot_end, map_start and map_end.
start_hot_helper() {
	start_reporting_helper access_hot "$@" || return
	read -r _ hot_start hot_end _ map_start map_end <<< "$helper_report"
}

# start_sleeper: runs "sleep 600" in the background and sets sleeper_pid
# once the child runs sleep.  Killed before its exec, the child is still a
# copy of this shell, and would run the test's EXIT trap.
start_sleeper() {
	sleep 600 &
	sleeper_pid=$!
	helper_pids="$helper_pids $sleeper_pid"
	while [ "$(cat "/proc/$sleeper_pid/comm" 2>/dev/null)" != sleep ] &&
	      kill -0 "$sleeper_pid" 2>/dev/null; do
		sleep 0.05
	done
}

stop_helpers() {
	local pid

	for pid in $helper_pids; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	helper_pids=""
}

trace_start() {
	echo 0 > "$EVENT/enable"
	echo 4096 > "$TRACEFS/buffer_size_kb"
	: > "$TRACEFS/trace"
	echo 1 > "$EVENT/enable"
}

# The events recorded since trace_start, one per line.
trace_stop() {
	echo 0 > "$EVENT/enable"
	grep 'damon_aggregated:' "$TRACEFS/trace"
}

# hot_range_stats HOT_START HOT_END SKIP < EVENTS: for one target of one
# kdamond, prints the number of aggregations looked at (the first SKIP
# are not), then the medians over them of the byte fractions of regions
# with accesses that lie inside the hot range (precision, 0 when no region
# had any) and of the hot range that such regions cover (recall), and the
# average number of regions.  Medians, so that a spell in which the host
# did not run the workload's vCPU counts as the few aggregations it took.
hot_range_stats() {
	awk -v hs="$1" -v he="$2" -v skip="$3" -f "$HERE/median.awk" -e '
	function flush() {
		if (n++ < skip)
			return
		aggrs++
		prec[aggrs] = acc ? in_hot / acc : 0
		rec[aggrs] = in_hot / (he - hs)
		regions += nr
	}
	{
		sub(/.*damon_aggregated: /, "")
		split($3, range, "-")
		start = range[1] + 0
		end = range[2] + 0
		if (start <= last_start) {
			flush()
			acc = in_hot = 0
		}
		last_start = start
		nr = substr($2, 12) + 0
		if ($4 + 0 == 0)
			next
		acc += end - start
		lo = start > hs ? start : hs
		hi = end < he ? end : he
		if (hi > lo)
			in_hot += hi - lo
	}
	END {
		flush()
		if (aggrs)
			printf "%d %.2f %.2f %d\n", aggrs, median(prec, aggrs),
				median(rec, aggrs), regions / aggrs
		else
			print "0 0 0 0"
	}'
}

# aggregation_shape < EVENTS: for the events of one target, prints how
# many aggregations they make up and how many of those break the
# tracepoint's promise: exactly nr_regions events, in address order,
# none overlapping the one before.
aggregation_shape() {
	awk '
	{
		sub(/.*damon_aggregated: */, "")
		nr = substr($2, 12) + 0
		split($3, range, "-")
		start = range[1] + 0
		if (left && (nr != want || start < last_end)) {
			bad++
			left = 0
		} else if (!left && aggrs && start >= last_end) {
			# More events than nr_regions said.
			bad++
		}
		if (!left) {
			aggrs++
			want = left = nr
		}
		left--
		last_end = range[2] + 0
	}
	END { print aggrs + 0, bad + left }'
}

# aggregation_spans < EVENTS: for the events of one target, one line per
# aggregation: the address ranges its regions cover, as "start-end" words,
# touching regions joined.
aggregation_spans() {
	awk '
	function flush() {
		if (lo != "")
			print substr(spans " " lo "-" hi, 2)
		spans = lo = ""
	}
	{
		sub(/.*damon_aggregated: */, "")
		split($3, range, "-")
		sub(/:$/, "", range[2])
		if (lo != "" && range[1] + 0 <= last_start)
			flush()
		last_start = range[1] + 0
		if (lo == "") {
			lo = range[1]
		} else if (range[1] + 0 != hi + 0) {
			spans = spans " " lo "-" hi
			lo = range[1]
		}
		hi = range[2]
	}
	END { flush() }'
}

# check_recording NAME RECORD: monitors, in a configfs context NAME of at
# most 7 characters, a process that keeps 32 MiB of a 512 MiB mapping hot,
# for 12 s, under "RECORD COMMAND...": a function that runs COMMAND while a
# tracing tool records damon:damon_aggregated, then prints the events.
# Checks that the recording holds the monitoring's every aggregation, each
# as exactly nr_regions events in address order, and that the regions
# with accesses lie in and cover the hot part once settled (3 s), and that
# damonctl heatmap draws it.
check_recording() {
	local name=$1 record=$2 events aggrs bad precision recall regions

	if ! start_hot_helper 512 32 600; then
		fail "access_hot did not report its hot part"
		return
	fi
	echo "# hot part: $hot_start-$hot_end"
	cfs_make_ctx "$name" "$helper_pid" || { fail "cannot make $name"; return; }
	# Monitoring starts and stops inside the recording, so that it holds
	# whole aggregations only.
	events=$($record bash -c "echo on > $CFS/$name/state && sleep 12 &&
		echo off > $CFS/$name/state" | grep -F "kdamond.$name")
	read -r aggrs bad < <(echo "$events" | aggregation_shape)
	# 12 s of 100 ms aggregations, in an emulator that may run slowly.
	if [ "$aggrs" -ge 40 ]; then
		ok "$aggrs aggregations recorded"
	else
		fail "$aggrs aggregations recorded in 12 s"
	fi
	if [ "$bad" -eq 0 ]; then
		ok "each aggregation has nr_regions events, in address order"
	else
		fail "$bad of $aggrs aggregations have too few or too many events, or are out of order"
		echo "$events" | head -20
	fi
	read -r aggrs precision recall regions < <(echo "$events" |
		hot_range_stats "$hot_start" "$hot_end" 30)
	echo "# $aggrs aggregations after 30 settling ones, $regions regions on average"
	expect_hot_range "$precision" "$recall" 0.8 0.8
	# What Documentation/admin-guide/mm/damon/start.rst shows.
	echo "$events" > /tmp/recorded_events
	if damonctl heatmap /tmp/recorded_events --height 12 > /tmp/heatmap 2>&1 &&
	   grep -q '^heatmap of target 0 ' /tmp/heatmap; then
		ok "damonctl heatmap draws the recording"
	else
		fail "damonctl heatmap cannot draw the recording"
	fi
	sed 's/^/# /' /tmp/heatmap
	rm -f /tmp/recorded_events /tmp/heatmap
}

# expect_hot_range PRECISION RECALL MIN_PRECISION MIN_RECALL: one check
# each, of hot_range_stats' figures against their lower bounds.
expect_hot_range() {
	if awk -v p="$1" -v m="$3" 'BEGIN { exit !(p >= m) }'; then
		ok "accessed regions lie inside the hot part: $1 >= $3"
	else
		fail "accessed regions lie inside the hot part: $1 < $3"
	fi
	if awk -v r="$2" -v m="$4" 'BEGIN { exit !(r >= m) }'; then
		ok "accessed regions cover the hot part: $2 >= $4"
	else
		fail "accessed regions cover the hot part: $2 < $4"
	fi
}

# cpu_ns PID: the CPU time a task has run, in nanoseconds.
cpu_ns() {
	cut -d' ' -f1 "/proc/$1/schedstat"
}

# expect_rmdir ERROR DIR: rmdir fails with ERROR, or succeeds if empty.
expect_rmdir() {
	local out

	if out=$(rmdir "$2" 2>&1); then
		if [ -z "$1" ]; then
			ok "rmdir ${2#"$CFS"/}"
		else
			fail "rmdir ${2#"$CFS"/} succeeded, wanted '$1'"
		fi
	elif [ -n "$1" ] && [ "${out%"$1"}" != "$out" ]; then
		ok "rmdir ${2#"$CFS"/}: $1"
	else
		fail "rmdir ${2#"$CFS"/}: $out"
	fi
}

# cfs_make_ctx NAME PID...: a configfs context with targets t0, t1, ...
# monitoring the given processes.
cfs_make_ctx() {
	local name=$1 i=0 pid

	shift
	mkdir "$CFS/$name" || return
	for pid in "$@"; do
		mkdir "$CFS/$name/targets/t$i" &&
			echo "$pid" > "$CFS/$name/targets/t$i/pid_target" || return
		i=$((i + 1))
	done
}

# scheme_stat CTX SCHEME STAT: one statistic of a scheme, from sysfs.
scheme_stat() {
	cat "$RESULTS/$1/schemes/$2/stats/$3"
}

# cfs_remove_ctx NAME: turns it off and removes it, deepest directories
# first.
cfs_remove_ctx() {
	local dir=$CFS/$1 sub

	[ -d "$dir" ] || return 0
	echo off > "$dir/state"
	for sub in "$dir"/targets/*/regions/*/ "$dir"/targets/*/ \
		   "$dir"/schemes/*/; do
		[ -d "$sub" ] && rmdir "$sub"
	done
	rmdir "$dir"
}

# expect_settles FILE VALUE [SECONDS]: FILE reads VALUE within SECONDS
# (default ten).
expect_settles() {
	local i

	for i in $(seq $((${3:-10} * 5))); do
		[ "$(cat "$1")" = "$2" ] && break
		sleep 0.2
	done
	expect_read "$1" "$2"
}

# expect_kdamond_gone PID: the kdamond thread PID has ended.
expect_kdamond_gone() {
	if [ -d "/proc/$1" ]; then
		fail "kdamond $1 is still there"
	else
		ok "kdamond $1 is gone"
	fi
}

# is_kthread PID: PID is a kernel thread (kthreadd, pid 2, is its parent).
is_kthread() {
	[ "$(cut -d' ' -f4 "/proc/$1/stat" 2>/dev/null)" = 2 ]
}

# readable_aggr_us CTX: an aggregation interval long enough to read all of
# CTX's results in one: four times what a read takes now, and at least a
# second.  Emulators, and debug kernels more so, take up to seconds.
readable_aggr_us() {
	local t0 t1

	t0=$(cut -d' ' -f1 /proc/uptime)
	grep -r . "$RESULTS/$1/targets" > /dev/null 2>&1
	t1=$(cut -d' ' -f1 /proc/uptime)
	awk -v t0="$t0" -v t1="$t1" 'BEGIN {
		us = (t1 - t0 + 0.01) * 4e6
		printf "%d\n", us < 1e6 ? 1e6 : int(us / 1e5 + 1) * 1e5
	}'
}

# sysfs_regions CTX TARGET: the target's regions in sysfs, as
# damon_aggregated events, all from one aggregation interval (damonctl
# snapshot reads them); fails if the results kept changing while being
# read, or if there were none after three aggregation intervals.
sysfs_regions() {
	local snap

	for _ in 1 2 3; do
		snap=$(damonctl snapshot "$1") || return
		[ -n "$snap" ] && break
	done
	[ -n "$snap" ] || { echo "# no results in $1" >&2; return 1; }
	echo "$snap" | awk -v target="$2" '
	$2 == target { start[++nr] = $4; end[nr] = $5; acc[nr] = $6; age[nr] = $7 }
	END {
		for (i = 1; i <= nr; i++)
			printf "damon_aggregated: target_id=0 nr_regions=%d %s-%s: %s %s\n",
				nr, start[i], end[i], acc[i], age[i]
	}'
}

# consistent_read CTX CMD...: CMD's output, read within one aggregation
# interval of CTX, starting just after one ends; fails after ten tries.
consistent_read() {
	local nr=$RESULTS/$1/nr_aggregations before out i polls

	polls=$(($(cat "$CFS/$1/monitoring_attrs/intervals/aggr_us") / 20000 + 5))
	shift
	for _ in $(seq 10); do
		before=$(cat "$nr")
		for i in $(seq $polls); do
			[ "$(cat "$nr")" != "$before" ] && break
			sleep 0.02
		done
		before=$(cat "$nr")
		out=$("$@")
		if [ "$before" = "$(cat "$nr")" ]; then
			echo "$out"
			return 0
		fi
	done
	return 1
}

# spans_of DIR: "START-END NR_ACCESSES" per region directory under DIR,
# in index order, up to the first that has no values (-ENODATA: one the
# latest interval does not have, about to go).  One grep reads them all.
spans_of() {
	grep -r . "$1" 2>/dev/null | awk -F: '
	{
		n = split($1, p, "/")
		v[p[n - 1], p[n]] = $2
	}
	END {
		for (i = 0; (i, "start") in v; i++)
			print v[i, "start"] "-" v[i, "end"], v[i, "nr_accesses"]
	}'
}

ZRAM=/sys/block/zram0
PAGE=4096

# zram_swap_on: swap on a 256 MiB zram device, for pageout of anonymous
# memory; zram_swap_off undoes it.
zram_swap_on() {
	echo $((256 << 20)) > "$ZRAM/disksize" &&
		mkswap /dev/zram0 > /dev/null && swapon /dev/zram0
}

zram_swap_off() {
	swapoff /dev/zram0 2>/dev/null
	echo 1 > "$ZRAM/reset"
}

# status_kib PID FIELD: a "FIELD: N kB" line of /proc/PID/status, in KiB.
status_kib() {
	awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

# pagemap_pages PID START END DIGITS: how many pages of [START, END) of PID
# have a /proc/PID/pagemap entry whose top hex digit is one of DIGITS.
pagemap_pages() {
	dd if="/proc/$1/pagemap" bs=8 skip=$(($2 / PAGE)) \
		count=$((($3 - $2) / PAGE)) 2>/dev/null | od -An -v -tx1 -w8 |
		awk -v d="$4" '{ if (index(d, substr($8, 1, 1))) n++ } END { print n + 0 }'
}

# swapped_pages PID START END: how many pages of [START, END) of PID are in
# swap (bit 62 of their pagemap entries).
swapped_pages() {
	pagemap_pages "$@" 4567cdef
}

# populated_pages PID START END: how many pages of [START, END) of PID are
# in memory or in swap (bit 63 or 62).
populated_pages() {
	pagemap_pages "$@" 456789abcdef
}

# expect_pageout PID: within 30 s, at least half of the cold part of the
# access_hot helper PID (hot_*, map_* as start_hot_helper set them) is in
# swap, and at most a tenth of its hot part.
expect_pageout() {
	local cold_kib swapped hot_swapped hot_pages i

	cold_kib=$(((map_end - map_start - (hot_end - hot_start)) / 1024))
	echo "# before: VmRSS $(status_kib "$1" VmRSS) kB, VmSwap $(status_kib "$1" VmSwap) kB"
	for i in $(seq 60); do
		[ "$(status_kib "$1" VmSwap)" -ge $((cold_kib / 2)) ] && break
		sleep 0.5
	done
	echo "# after: VmRSS $(status_kib "$1" VmRSS) kB, VmSwap $(status_kib "$1" VmSwap) kB"
	swapped=$(status_kib "$1" VmSwap)
	if [ "$swapped" -ge $((cold_kib / 2)) ]; then
		ok "$swapped of $cold_kib KiB cold swapped out"
	else
		fail "only $swapped of $cold_kib KiB cold swapped out in 30 s"
	fi
	hot_swapped=$(swapped_pages "$1" "$hot_start" "$hot_end")
	hot_pages=$(((hot_end - hot_start) / PAGE))
	if [ "$hot_swapped" -le $((hot_pages / 10)) ]; then
		ok "$hot_swapped of $hot_pages hot pages in swap"
	else
		fail "$hot_swapped of $hot_pages hot pages in swap"
	fi
}
