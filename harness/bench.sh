#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh KSRC BUILD
#
# "make bench": the accuracy and the cost of our DAMON next to upstream's.
# Builds upstream's kernel from the same KSRC, unmodified, in
# BUILD/upstream/ (ours is BUILD/bzImage, from "make kernel"), boots each
# with the guest root of "make initramfs" and guest.bench, in which
# tools/damon/bench/bench.sh runs the workloads of
# tools/damon/bench/workload.c under DAMON, and turns the damon_aggregated
# events both record into a table, BUILD/bench.txt (bench-figures.awk,
# then bench-table.awk).  The "reclaim" workload, a proactive reclaim
# run with a pageout scheme next to one with no DAMON, has rows of its
# own after it (bench-reclaim.awk, then bench-reclaim-table.awk).
#
# Environment: BENCH_RUNS boots per kernel (3), BENCH_SECONDS of each
# one-phase workload (15), BENCH_STEP seconds per phase of "moving" (5),
# BENCH_SETTLE seconds after a phase starts before its accuracy counts
# (2), BENCH_RECLAIM seconds of each run of "reclaim" (40),
# BENCH_SCHEME=AGE,BYTES its pageout scheme: regions not accessed for AGE
# aggregation intervals, at most BYTES a second (50,33554432),
# BENCH_ONLY=a,b to run only those workloads, BENCH_KERNELS="ours" to
# boot only some of "ours upstream", JOBS for the build.
set -euo pipefail

ksrc=$1 build=$2
proj=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3} seconds=${BENCH_SECONDS:-15} step=${BENCH_STEP:-5}
settle=${BENCH_SETTLE:-2} only=${BENCH_ONLY:-}
reclaim=${BENCH_RECLAIM:-40} scheme=${BENCH_SCHEME:-50,33554432}
kernels=${BENCH_KERNELS:-ours upstream}
attrs=5000,100000,1000000,10,1000
up=$build/upstream
out=$build/bench
median=$proj/tools/testing/selftests/damon/median.awk
mkdir -p "$up" "$out"

# Upstream's kernel: the tarball as it is, configured like ours but with
# upstream.config for the DAMON part. Our DAMON_VADDR selects
# MMU_NOTIFIER, which kernel.config therefore lists; upstream's does not,
# and nothing else in this configuration would.
build_upstream() {
	local tree=$up/linux kmake

	if [ "$(cat "$tree/.base" 2>/dev/null)" != "$ksrc" ]; then
		echo "  EXTRACT $ksrc -> $tree (unmodified)"
		rm -rf "$tree"
		mkdir -p "$tree"
		if [ -d "$ksrc" ]; then
			cp -a "$ksrc/." "$tree/"
		else
			tar -xf "$ksrc" -C "$tree" --strip-components=1
		fi
		echo "$ksrc" > "$tree/.base"
	fi
	grep -v '^CONFIG_MMU_NOTIFIER=' "$proj/harness/kernel.config" \
		> "$up/kernel.config.new"
	cmp -s "$up/kernel.config.new" "$up/kernel.config" ||
		mv "$up/kernel.config.new" "$up/kernel.config"
	rm -f "$up/kernel.config.new"
	if [ ! -f "$tree/.config" ] || [ "$up/kernel.config" -nt "$tree/.config" ] ||
	   [ "$proj/harness/upstream.config" -nt "$tree/.config" ]; then
		echo "  CONFIG  upstream: tinyconfig + kernel.config + upstream.config"
		"$proj/harness/configure.sh" "$tree" "$up/kernel.config" \
			"$proj/harness/upstream.config"
	fi
	kmake=(make -C "$tree" ARCH=x86_64 "CC=ccache gcc" "HOSTCC=ccache gcc"
	       -j"${JOBS:-$(nproc)}")
	"${kmake[@]}" -s bzImage
	cp "$tree/arch/x86/boot/bzImage" "$up/bzImage"
	echo "  KERNEL  $up/bzImage (upstream)"
}

# boot KERNEL_NAME BZIMAGE RUN: one guest running every workload; its
# record is $out/NAME-RUN.rec, its console $out/NAME-RUN.log.
boot() {
	local rec=$out/$1-$3.rec log=$out/$1-$3.log
	local limit=$((600 + 10 * seconds + 12 * step + 2 * reclaim))
	local cmdline="console=ttyS0 quiet panic=-1 kunit.enable=0 guest.bench"

	# KUnit suites stay off: both kernels boot straight into the bench.
	cmdline+=" bench.seconds=$seconds bench.step=$step"
	cmdline+=" bench.attrs=$attrs${only:+ bench.only=$only}"
	cmdline+=" bench.reclaim=$reclaim bench.scheme=$scheme bench.run=$3"

	echo "  BENCH   $1 kernel, run $3 of $runs (log: $log)"
	rm -f "$rec"
	timeout "$limit" "$proj/harness/qemu.sh" "$2" "$build/initramfs.cpio.gz" \
		"$cmdline" "$rec" < /dev/null > "$log" 2>&1 ||
		echo "  BENCH   $1 run $3: qemu exited with $? (124: timed out)"
	touch "$rec"
	if report=$("$proj/harness/kernel-unwell.sh" "$log"); then
		echo "  BENCH   $1 run $3: the kernel reported a problem:"
		echo "$report"
	fi
	if ! tr -d '\r' < "$rec" | grep -qx '== end'; then
		echo "  BENCH   $1 run $3: incomplete record, left out"
		return
	fi
	tr -d '\r' < "$rec" | figures "$1" "$3" >> "$out/figures"
	tr -d '\r' < "$rec" | awk -v kernel="$1" -v run="$3" \
		-f "$proj/harness/bench-reclaim.awk" >> "$out/reclaim-figures"
}

# figures KERNEL RUN < RECORD: the per-run figures of one boot; see
# bench-figures.awk.
figures() {
	awk -v kernel="$1" -v run="$2" -v settle="$settle" \
		-f "$median" -f "$proj/harness/bench-figures.awk"
}

# table < FIGURES: the medians over runs, both kernels side by side.
table() {
	awk -f "$median" -f "$proj/harness/bench-table.awk"
}

# reclaim_table: the proactive reclaim rows, medians over runs, with
# their legend.
reclaim_table() {
	echo "proactive reclaim: a 512 MiB mapping, 16 MiB hot (swept over and over),"
	echo "64 MiB warm (swept every 8 s), the rest cold, ${reclaim} s per run, zram swap;"
	echo "pageout of regions with no access for ${scheme%,*} intervals, at most ${scheme#*,} bytes/s,"
	echo "oldest first (age_permil 1000), no time quota, no watermarks"
	echo
	awk -f "$median" -f "$proj/harness/bench-reclaim-table.awk" \
		< "$out/reclaim-figures"
	echo
	echo "ops_base, ops: sweeps/s of the hot range with no DAMON, and with the scheme;"
	echo "slowdown_%: 100 * (1 - ops / ops_base); rss_base: the workload's mean RSS with"
	echo "no DAMON, MiB; saved_mean, saved_final: that RSS minus the RSS with the scheme,"
	echo "mean over the run and at its end, MiB; paged_out, swapped_in: MiB written to"
	echo "and read from the zram swap device during the run (no pswpout/pswpin: the"
	echo "kernels have no VM_EVENT_COUNTERS); applied: the scheme's sz_applied, MiB;"
	echo "refaults: workingset_refault_anon, MiB; cpu_ms/s: kdamond CPU time per second."
}

# bench_kernel NAME RUN: one boot of NAME, if BENCH_KERNELS has it.
bench_kernel() {
	case " $kernels " in *" $1 "*) ;; *) return 0 ;; esac
	if [ "$1" = ours ]; then
		boot ours "$build/bzImage" "$2"
	else
		boot upstream "$up/bzImage" "$2"
	fi
}

case " $kernels " in *" upstream "*) build_upstream ;; esac
rm -f "$out/figures" "$out/reclaim-figures"
for run in $(seq "$runs"); do
	# Alternate which kernel goes first, so that a slow spell of the
	# host does not always fall on the same one.
	if [ $((run % 2)) -eq 1 ]; then
		bench_kernel ours "$run"
		bench_kernel upstream "$run"
	else
		bench_kernel upstream "$run"
		bench_kernel ours "$run"
	fi
done
touch "$out/figures" "$out/reclaim-figures"

{
	echo "make bench: our DAMON against upstream's, on $(basename "$ksrc")"
	echo "attributes (sample_us,aggr_us,update_us,min,max regions): $attrs;"
	echo "${runs} boot(s) per kernel, ${seconds} s per workload, ${step} s per phase of moving;"
	echo "medians over runs of per-run medians; accuracy counted ${settle} s after each phase starts"
	if [ -s "$out/figures" ]; then
		echo
		table < "$out/figures"
		echo
		echo "precision, recall: byte shares of the regions seen accessed that are hot, and"
		echo "of the hot bytes they cover; delay_s: from a phase start to the first F1 >= 0.8"
		echo "(\"-\": not reached); cpu_ms/s: kdamond CPU time per second of monitoring."
	fi
	if [ -s "$out/reclaim-figures" ]; then
		echo
		reclaim_table
	fi
	echo "Records and consoles: $out/"
} | tee "$build/bench.txt"
