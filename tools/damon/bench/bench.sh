#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# damon-bench [OUT]: the guest side of "make bench".  Runs each workload of
# damon-bench-workload under DAMON, whichever DAMON this kernel has (ours
# through configfs, upstream's through its sysfs interface), records the
# damon_aggregated tracepoint, and writes to OUT (default /dev/ttyS1), per
# workload:
#
#   == NAME             the workload's name
#   ...                 what the workload printed (pid, map, phase, hot, done)
#   cpu NS SECONDS      kdamond's CPU time and the seconds it was measured over
#   overrun N           events the trace buffer lost
#   a T TARGET NR_REGIONS START END NR_ACCESSES   one per damon_aggregated
#
# and for "reclaim" two such sections, "== reclaim-base" with no DAMON and
# "== reclaim" with DAMON running a pageout scheme, in which the workload
# prints tick and done lines and this script adds
#
#   swap IN OUT         bytes the zram swap device read and wrote
#   refault N           workingset_refault_anon of /proc/vmstat
#   cpu NS SECONDS      (reclaim only) as above
#   applied BYTES       (reclaim only) the scheme's sz_applied
#
# and "== end" last.  harness/bench.sh reads it; the guest's /init runs it
# when booted with guest.bench, with configfs and tracefs mounted.
#
# Kernel command line, all optional:
#   bench.seconds=S     seconds of each one-phase workload (default 15)
#   bench.step=S        seconds of each phase of "moving" (default 5)
#   bench.only=a,b      run only these workloads
#   bench.run=N         the boot's number: even ones run the sparse
#                       reservations largest first (default 1)
#   bench.attrs=SAMPLE_US,AGGR_US,UPDATE_US,MIN,MAX
#                       (default 5000,100000,1000000,10,1000)
#   bench.reclaim=S     seconds of each run of "reclaim" (default 40)
#   bench.scheme=AGE,BYTES  the pageout scheme of "reclaim": regions with
#                       no access for AGE aggregation intervals, at most
#                       BYTES per second (default 50,33554432)

TRACEFS=/sys/kernel/tracing
EVENT=$TRACEFS/events/damon/damon_aggregated
OURS=/sys/kernel/config/damon
UPSTREAM=/sys/kernel/mm/damon/admin
CTX=bench

# param NAME DEFAULT: the value of bench.NAME= on the kernel command line.
param() {
	v=$(tr ' ' '\n' < /proc/cmdline | sed -n "s/^bench\.$1=//p")
	echo "${v:-$2}"
}

seconds=$(param seconds 15)
step=$(param step 5)
only=$(param only "")
boot_nr=$(param run 1)
attrs=$(param attrs 5000,100000,1000000,10,1000)
reclaim_seconds=$(param reclaim 40)
scheme_attrs=$(param scheme 50,33554432)
scheme=""
out=${1:-/dev/ttyS1}

# put VALUE FILE: VALUE written to FILE; which write failed, if one did.
put() {
	echo "$1" > "$2" && return
	echo "bench: writing $1 to $2 failed" >&2
	return 1
}

# set_attrs DIR: the monitoring attributes under DIR/monitoring_attrs,
# laid out the same way in both interfaces.
set_attrs() {
	# shellcheck disable=SC2046
	set -- "$1/monitoring_attrs" $(echo "$attrs" | tr ',' ' ')
	put "$2" "$1/intervals/sample_us" &&
	put "$3" "$1/intervals/aggr_us" &&
	put "$4" "$1/intervals/update_us" &&
	put "$5" "$1/nr_regions/min" &&
	put "$6" "$1/nr_regions/max"
}

# set_scheme DIR: the pageout scheme of "reclaim" in scheme directory
# DIR, whose files both interfaces name alike: regions of any size not
# accessed for AGE intervals, oldest first, at most BYTES a second, with
# no time quota and no watermarks.
set_scheme() {
	# shellcheck disable=SC2046
	set -- "$1" $(echo "$scheme_attrs" | tr ',' ' ')
	put pageout "$1/action" &&
	put 0 "$1/access_pattern/sz/min" &&
	put 18446744073709551615 "$1/access_pattern/sz/max" &&
	put 0 "$1/access_pattern/nr_accesses/min" &&
	put 0 "$1/access_pattern/nr_accesses/max" &&
	put "$2" "$1/access_pattern/age/min" &&
	put 4294967295 "$1/access_pattern/age/max" &&
	put 0 "$1/quotas/ms" &&
	put "$3" "$1/quotas/bytes" &&
	put 1000 "$1/quotas/reset_interval_ms" &&
	put 0 "$1/quotas/weights/sz_permil" &&
	put 0 "$1/quotas/weights/nr_accesses_permil" &&
	put 1000 "$1/quotas/weights/age_permil" &&
	put none "$1/watermarks/metric"
}

# start_damon PID...: one context monitoring these processes, target i
# being the i-th pid, with the pageout scheme if $scheme is set; prints
# the kdamond's pid.
start_damon() {
	i=0
	if [ -d $OURS ]; then
		mkdir $OURS/$CTX || return
		for pid in "$@"; do
			mkdir $OURS/$CTX/targets/t$i &&
				put "$pid" $OURS/$CTX/targets/t$i/pid_target ||
				return
			i=$((i + 1))
		done
		if [ -n "$scheme" ]; then
			mkdir "$OURS/$CTX/schemes/$scheme" &&
				set_scheme "$OURS/$CTX/schemes/$scheme" || return
		fi
		set_attrs $OURS/$CTX && put on $OURS/$CTX/state &&
			cat $OURS/$CTX/kdamond_pid
	else
		kd=$UPSTREAM/kdamonds
		ctx=$kd/0/contexts/0
		put 1 $kd/nr_kdamonds &&
			put 1 $kd/0/contexts/nr_contexts &&
			put vaddr $ctx/operations &&
			put $# $ctx/targets/nr_targets || return
		for pid in "$@"; do
			put "$pid" $ctx/targets/$i/pid_target || return
			i=$((i + 1))
		done
		if [ -n "$scheme" ]; then
			put 1 $ctx/schemes/nr_schemes &&
				set_scheme $ctx/schemes/0 || return
		fi
		set_attrs $ctx && put on $kd/0/state && cat $kd/0/pid
	fi
}

# sz_applied: the bytes the scheme of a running context was applied to.
sz_applied() {
	if [ -d $OURS ]; then
		cat "/sys/kernel/mm/damon/contexts/$CTX/schemes/$scheme/stats/sz_applied"
	else
		echo update_schemes_stats > $UPSTREAM/kdamonds/0/state &&
			cat $UPSTREAM/kdamonds/0/contexts/0/schemes/0/stats/sz_applied
	fi
}

stop_damon() {
	if [ -d $OURS ]; then
		echo off > $OURS/$CTX/state
		rmdir $OURS/$CTX/targets/* $OURS/$CTX/schemes/* $OURS/$CTX \
			2> /dev/null
	else
		kd=$UPSTREAM/kdamonds
		echo off > $kd/0/state
		echo 0 > $kd/0/contexts/0/targets/nr_targets
		echo 0 > $kd/0/contexts/0/schemes/nr_schemes
		echo 0 > $kd/0/contexts/nr_contexts
		echo 0 > $kd/nr_kdamonds
	fi
}

# wait_line WORD FILE PID SECONDS: FILE has a line starting with WORD
# within SECONDS, while process PID lives.
wait_line() {
	n=$(($4 * 10))
	while ! grep -q "^$1" "$2"; do
		n=$((n - 1))
		[ $n -gt 0 ] && kill -0 "$3" 2> /dev/null || return 1
		sleep 0.1
	done
}

# run NAME WORKLOAD_ARGS...: one workload, monitored from its first phase
# to its end.
run() {
	name=$1
	shift
	case ",$only," in ",,"|*",$name,"*) ;; *) return ;; esac
	echo "bench: $name ($*)"
	log=/tmp/workload.out
	damon-bench-workload "$@" > $log &
	workload=$!
	if ! wait_line ready $log $workload 300; then
		echo "bench: $name: the workload did not get ready" >&2
		kill $workload 2> /dev/null
		return
	fi
	# shellcheck disable=SC2046
	kdamond=$(start_damon $(awk '$1 == "pid" { print $3 }' $log))
	if [ -z "$kdamond" ] || [ ! -d "/proc/$kdamond" ]; then
		echo "bench: $name: DAMON did not start; the workload said:" >&2
		cat $log >&2
		dmesg | tail -n 5 >&2
		stop_damon
		kill $workload
		return
	fi
	echo 0 > $EVENT/enable
	: > $TRACEFS/trace
	echo 1 > $EVENT/enable
	# Read with builtins only, next to the start and the end.
	read -r cpu0 _ < "/proc/$kdamond/schedstat"
	read -r up0 _ < /proc/uptime
	kill -USR1 $workload
	wait_line "done" $log $workload $((seconds + step * 6 + 120))
	read -r cpu1 _ < "/proc/$kdamond/schedstat"
	read -r up1 _ < /proc/uptime
	echo 0 > $EVENT/enable
	stop_damon
	kill $workload
	wait $workload 2> /dev/null

	overrun=$(cat $TRACEFS/per_cpu/cpu*/stats |
		awk '/^overrun:/ { n += $2 } END { print n + 0 }')
	{
		echo "== $name"
		cat $log
		echo "cpu $((cpu1 - cpu0)) $(awk "BEGIN { print $up1 - $up0 }")"
		echo "overrun $overrun"
		# "comm-pid [cpu] flags T: damon_aggregated: target_id=I
		# nr_regions=N START-END: NR_ACCESSES AGE" to the numbers.
		sed -n 's/^.* \([0-9.]*\): damon_aggregated: target_id=\([0-9]*\) nr_regions=\([0-9]*\) \([0-9]*\)-\([0-9]*\): \([0-9]*\) .*/a \1 \2 \3 \4 \5 \6/p' \
			$TRACEFS/trace
	} >&3
}

# counters: bytes read from and written to the zram swap device (sectors
# of 512 bytes in its block statistics; /proc/vmstat has no pswpin and
# pswpout in these kernels, built without VM_EVENT_COUNTERS), then
# workingset_refault_anon.
counters() {
	read -r _ _ rd _ _ _ wr _ < /sys/block/zram0/stat
	echo $((rd * 512)) $((wr * 512)) \
		"$(awk '$1 == "workingset_refault_anon" { print $2 }' /proc/vmstat)"
}

# run_reclaim NAME: the "reclaim" workload for bench.reclaim seconds, with
# DAMON and the pageout scheme if $scheme is set, with no DAMON if not.
run_reclaim() {
	name=$1
	echo "bench: $name ($reclaim_seconds s${scheme:+, scheme $scheme_attrs})"
	log=/tmp/workload.out
	damon-bench-workload reclaim 512 "$reclaim_seconds" > $log &
	workload=$!
	if ! wait_line ready $log $workload 300; then
		echo "bench: $name: the workload did not get ready" >&2
		kill $workload 2> /dev/null
		return
	fi
	kdamond=""
	if [ -n "$scheme" ]; then
		kdamond=$(start_damon "$(awk '$1 == "pid" { print $3 }' $log)")
		if [ -z "$kdamond" ] || [ ! -d "/proc/$kdamond" ]; then
			echo "bench: $name: DAMON did not start" >&2
			dmesg | tail -n 5 >&2
			stop_damon
			kill $workload
			return
		fi
		read -r cpu0 _ < "/proc/$kdamond/schedstat"
		read -r up0 _ < /proc/uptime
	fi
	# shellcheck disable=SC2046
	set -- $(counters)
	kill -USR1 $workload
	wait_line "done" $log $workload $((reclaim_seconds + 120))
	# shellcheck disable=SC2046
	set -- "$@" $(counters)
	{
		echo "== $name"
		cat $log
		echo "swap $(($4 - $1)) $(($5 - $2))"
		echo "refault $(($6 - $3))"
		if [ -n "$kdamond" ]; then
			read -r cpu1 _ < "/proc/$kdamond/schedstat"
			read -r up1 _ < /proc/uptime
			echo "cpu $((cpu1 - cpu0)) $(awk "BEGIN { print $up1 - $up0 }")"
			echo "applied $(sz_applied)"
		fi
	} >&3
	[ -n "$kdamond" ] && stop_damon
	kill $workload
	wait $workload 2> /dev/null
}

# reclaim: both runs of "reclaim", with swap on a zram device for them.
reclaim() {
	case ",$only," in ",,"|*",reclaim,"*) ;; *) return ;; esac
	if ! echo 1G > /sys/block/zram0/disksize ||
	   ! mkswap /dev/zram0 > /dev/null || ! swapon /dev/zram0; then
		echo "bench: reclaim: no zram swap" >&2
		return
	fi
	scheme=""
	run_reclaim reclaim-base
	scheme=cold
	run_reclaim reclaim
	scheme=""
	swapoff /dev/zram0
	echo 1 > /sys/block/zram0/reset
}

exec 3> "$out"
if [ -d $OURS ]; then
	echo "bench: our DAMON (configfs)"
elif [ -d $UPSTREAM ]; then
	echo "bench: upstream DAMON (sysfs)"
else
	echo "bench: this kernel has no DAMON interface" >&2
fi
# CLOCK_MONOTONIC, as the workload prints; enough buffer for the busiest
# workload's events, read only when it is over.
echo mono > $TRACEFS/trace_clock
echo 32768 > $TRACEFS/buffer_size_kb

run hot hot "$seconds"
run moving moving "$step"
run scattered scattered "$seconds"
run size-256M size 256 "$seconds"
run size-4G size 4096 "$seconds"
run multi multi 4 "$seconds"
# Sparse reservations: 32 populated 2 MiB chunks, 4 of them hot.  Their
# order alternates from boot to boot, so that a guest that runs faster
# or slower as the boot goes on favours no size.
sizes="1G:1 64G:64 1T:1024 16T:16384"
if [ $((boot_nr % 2)) -eq 0 ]; then
	sizes="16T:16384 1T:1024 64G:64 1G:1"
fi
for size in $sizes; do
	run "sparse-${size%:*}" sparse "${size#*:}" "$seconds"
done
run sparse-4k sparse-4k 64 "$seconds"
# 256 chunks, more than the populated ranges a target may have.
run many-16T sparse-many 16384 "$seconds"
reclaim
echo "== end" >&3
exec 3>&-
