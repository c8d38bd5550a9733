#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh KSRC BUILD
#
# "make bench": the accuracy and the cost of our DAMON next to upstream's.
# Builds upstream's kernel from the same KSRC, unmodified, in
# BUILD/upstream/ (ours is BUILD/bzImage, from "make kernel"), boots each
# with the same initramfs, in which tools/damon/bench/bench.sh runs the
# workloads of tools/damon/bench/workload.c under DAMON, and turns the
# damon_aggregated events both record into a table, BUILD/bench.txt.
#
# Environment: BENCH_RUNS boots per kernel (3), BENCH_SECONDS of each
# one-phase workload (15), BENCH_STEP seconds per phase of "moving" (5),
# BENCH_SETTLE seconds after a phase starts before its accuracy counts
# (2), BENCH_ONLY=a,b to run only those workloads, BENCH_KERNELS="ours"
# to boot only some of "ours upstream", JOBS for the build.
set -euo pipefail

ksrc=$1 build=$2
proj=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3} seconds=${BENCH_SECONDS:-15} step=${BENCH_STEP:-5}
settle=${BENCH_SETTLE:-2} only=${BENCH_ONLY:-}
kernels=${BENCH_KERNELS:-ours upstream}
attrs=5000,100000,1000000,10,1000
up=$build/upstream
out=$build/bench
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

# One initramfs for both kernels: busybox, the workload and the bench.
build_initramfs() {
	local root

	root=$(mktemp -d)
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp}
	cp /bin/busybox "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
	install -m 0755 "$proj/tools/damon/bench/bench.sh" \
		"$root/usr/bin/damon-bench"
	gcc -static -O2 -Wall -o "$root/usr/bin/damon-bench-workload" \
		"$proj/tools/damon/bench/workload.c"
	(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$out/initramfs.cpio.gz"
	rm -rf "$root"
}

# boot KERNEL_NAME BZIMAGE RUN: one guest running every workload; its
# record is $out/NAME-RUN.rec, its console $out/NAME-RUN.log.
boot() {
	local rec=$out/$1-$3.rec log=$out/$1-$3.log
	local limit=$((600 + 10 * seconds + 12 * step))
	local bad='Kernel panic|Oops|BUG:|WARNING:|general protection fault|Call Trace:'
	local cmdline="console=ttyS0 quiet panic=-1 kunit.enable=0"

	# KUnit suites stay off: both kernels boot straight into the bench.
	cmdline+=" rdinit=/usr/bin/damon-bench bench.seconds=$seconds"
	cmdline+=" bench.step=$step bench.attrs=$attrs${only:+ bench.only=$only}"

	echo "  BENCH   $1 kernel, run $3 of $runs (log: $log)"
	rm -f "$rec"
	timeout "$limit" qemu-system-x86_64 -nographic -monitor none \
		-no-reboot -smp 2 -m 2G -kernel "$2" \
		-initrd "$out/initramfs.cpio.gz" \
		-append "$cmdline" \
		-serial stdio -serial "file:$rec" < /dev/null > "$log" 2>&1 ||
		echo "  BENCH   $1 run $3: qemu exited with $? (124: timed out)"
	touch "$rec"
	if grep -qE "$bad" "$log"; then
		echo "  BENCH   $1 run $3: the kernel reported a problem:"
		grep -m 3 -E -A 3 "$bad" "$log" | sed 's/^/        /'
	fi
	if ! tr -d '\r' < "$rec" | grep -qx '== end'; then
		echo "  BENCH   $1 run $3: incomplete record, left out"
		return
	fi
	tr -d '\r' < "$rec" | figures "$1" "$3" >> "$out/figures"
}

# The median of v[1..n], sorting v; "-" for none. Both awk programs use it.
median_awk='
function median(v, n,    i, j, x) {
	if (!n)
		return "-"
	for (i = 2; i <= n; i++) {
		x = v[i]
		for (j = i - 1; j > 0 && v[j] > x; j--)
			v[j + 1] = v[j]
		v[j + 1] = x
	}
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}'

# figures KERNEL RUN < RECORD: per workload, one line "KERNEL RUN WORKLOAD
# PRECISION RECALL F1 DELAY REGIONS CPU_MS_PER_S", each a median:
#
# - An aggregation is one target's events of one aggregation interval:
#   regions come in address order, so a start not above the previous one
#   begins the next. Its time is its first event's, and the phase whose
#   hot ranges it is judged against is the one running at that time.
# - Regions with nr_accesses > 0 are "seen as accessed". Only their part
#   inside the target's mapping counts, so that the workload's own code
#   and stack, accessed too but not part of the pattern, weigh nothing.
#   Precision: the share of those bytes inside the hot ranges; recall:
#   the share of the hot bytes they cover; F1 of the two.
# - Precision, recall and F1 are medians over the aggregations at least
#   SETTLE seconds after their phase started.
# - Delay: from a phase's start (the first one included) to the first
#   aggregation of that phase with F1 >= 0.8, per target; the median over
#   phases and targets, "-" when that median never got there.
# - Regions: median nr_regions over all aggregations of all targets.
# - CPU: kdamond's CPU time (schedstat) per second of monitoring, in ms.
figures() {
	awk -v kernel="$1" -v run="$2" -v settle="$settle" "$median_awk"'
	function phase_at(t,    p) {
		for (p = nphase; p > 0 && pt[p] > t; p--)
			;
		return p
	}
	function aggr_end(id,    p, P, R, F) {
		p = gphase[id]
		open[id] = 0
		if (!p || gt[id] > done || !((p, id) in hotsz))
			return
		reg[++nreg] = gnr[id]
		P = acc[id] ? inhot[id] / acc[id] : 0
		R = inhot[id] / hotsz[p, id]
		F = P + R ? 2 * P * R / (P + R) : 0
		if (gt[id] - pt[p] >= settle) {
			prec[++nsettled] = P
			rec[nsettled] = R
			f1[nsettled] = F
		}
		if (F >= 0.8 && !((p, id) in reached))
			reached[p, id] = gt[id] - pt[p]
	}
	function finish(    id, p, n, d) {
		for (id in open)
			if (open[id])
				aggr_end(id)
		n = 0
		for (p = 1; p <= nphase; p++)
			for (id in ms)
				if ((p, id) in hotsz)
					d[++n] = ((p, id) in reached) ? reached[p, id] : 1e9
		delay = median(d, n)
		if (delay != "-" && delay >= 1e9)
			delay = "-"
		printf "%s %s %s %s %s %s %s %s %.2f\n", kernel, run, name,
			median(prec, nsettled), median(rec, nsettled),
			median(f1, nsettled), delay, median(reg, nreg),
			cpu_s ? cpu_ns / 1e6 / cpu_s : 0
		if (overrun)
			printf "bench: %s run %s %s: %d events lost\n", kernel, run,
				name, overrun > "/dev/stderr"
	}
	/^== / {
		if (name != "")
			finish()
		name = $2
		split("", ms); split("", me); split("", pt); split("", hotsz)
		split("", hs); split("", he); split("", nh); split("", open)
		split("", last); split("", reached); split("", prec)
		split("", rec); split("", f1); split("", reg)
		nphase = nsettled = nreg = overrun = cpu_ns = cpu_s = 0
		done = 1e18
		if (name == "end")
			name = ""
		next
	}
	$1 == "map" { ms[$2] = $3; me[$2] = $4; next }
	$1 == "phase" { pt[++nphase] = $2; next }
	$1 == "hot" {
		i = ++nh[nphase, $2]
		hs[nphase, $2, i] = $3
		he[nphase, $2, i] = $4
		hotsz[nphase, $2] += $4 - $3
		next
	}
	$1 == "done" { done = $2; next }
	$1 == "cpu" { cpu_ns = $2; cpu_s = $3; next }
	$1 == "overrun" { overrun = $2; next }
	$1 == "a" {
		t = $2; id = $3; s = $5 + 0; e = $6 + 0
		if (open[id] && s <= last[id])
			aggr_end(id)
		if (!open[id]) {
			open[id] = 1
			gt[id] = t
			gnr[id] = $4
			gphase[id] = phase_at(t)
			acc[id] = inhot[id] = 0
		}
		last[id] = s
		if ($7 == 0 || !(id in ms))
			next
		lo = s > ms[id] ? s : ms[id]
		hi = e < me[id] ? e : me[id]
		if (hi > lo)
			acc[id] += hi - lo
		p = gphase[id]
		for (i = 1; i <= nh[p, id]; i++) {
			lo = s > hs[p, id, i] ? s : hs[p, id, i]
			hi = e < he[p, id, i] ? e : he[p, id, i]
			if (hi > lo)
				inhot[id] += hi - lo
		}
	}'
}

# table < FIGURES: the medians over runs, both kernels side by side.
table() {
	awk "$median_awk"'
	# The median of metric m of kernel k on workload w, over runs;
	# "-" (never reached) counts as above any number.
	function med(k, w, m,    i, n, v, x) {
		n = 0
		for (i = 1; i <= cnt[k, w]; i++) {
			x = val[k, w, i, m]
			v[++n] = x == "-" ? 1e18 : x + 0
		}
		x = median(v, n)
		return x == "-" || x >= 1e18 ? "-" : x
	}
	function fmt(x, m) {
		if (x == "-")
			return "-"
		return sprintf(m == 8 ? "%.0f" : m == 9 ? "%.1f" : "%.2f", x)
	}
	{
		k = $1; w = $3
		if (!((k, w) in cnt) && !(w in seen)) {
			seen[w] = 1
			order[++nw] = w
		}
		n = ++cnt[k, w]
		for (m = 4; m <= 9; m++)
			val[k, w, n, m] = $m
	}
	END {
		printf "%-10s %-9s %9s %7s %6s %8s %8s %8s %5s\n", "workload",
			"kernel", "precision", "recall", "F1", "delay_s",
			"regions", "cpu_ms/s", "runs"
		for (i = 1; i <= nw; i++) {
			w = order[i]
			for (j = 1; j <= 3; j++) {
				k = j == 1 ? "ours" : j == 2 ? "upstream" : "ratio"
				line = sprintf("%-10s %-9s", j == 1 ? w : "",
					       j == 3 ? "ours/up" : k)
				for (m = 4; m <= 9; m++) {
					if (j < 3) {
						x = fmt(med(k, w, m), m)
					} else {
						a = med("ours", w, m)
						b = med("upstream", w, m)
						if (a == "-" || b == "-" || b + 0 == 0)
							x = "-"
						else
							x = sprintf("%.2f", a / b)
					}
					wd = m == 4 ? 9 : m == 5 ? 7 : m == 6 ? 6 : 8
					line = line sprintf(" %" wd "s", x)
				}
				n = j < 3 ? cnt[k, w] + 0 : ""
				printf "%s %5s\n", line, n
			}
		}
	}'
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
build_initramfs
rm -f "$out/figures"
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
touch "$out/figures"

{
	echo "make bench: our DAMON against upstream's, on $(basename "$ksrc")"
	echo "attributes: sample 5 ms, aggregation 100 ms, update 1 s, 10-1000 regions;"
	echo "${runs} boot(s) per kernel, ${seconds} s per workload, ${step} s per phase of moving;"
	echo "medians over runs of per-run medians; accuracy counted ${settle} s after each phase starts"
	echo
	table < "$out/figures"
	echo
	echo "precision, recall: byte shares of the regions seen accessed that are hot, and"
	echo "of the hot bytes they cover; delay_s: from a phase start to the first F1 >= 0.8"
	echo "(\"-\": not reached); cpu_ms/s: kdamond CPU time per second of monitoring."
	echo "Records and consoles: $out/"
} | tee "$build/bench.txt"
