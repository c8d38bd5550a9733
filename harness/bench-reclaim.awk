# SPDX-License-Identifier: GPL-2.0
#
# awk -v kernel=K -v run=N -f bench-reclaim.awk < RECORD: the proactive
# reclaim figures of one boot of harness/bench.sh, from the "reclaim-base"
# (no DAMON) and "reclaim" (DAMON with a pageout scheme) sections that
# tools/damon/bench/bench.sh wrote in the guest; one line per figure,
# "KERNEL RUN FIGURE VALUE", memory in MiB:
#
#   ops_base        hot-range sweeps per second with no DAMON
#   ops             the same with the pageout scheme
#   slowdown_%      100 * (1 - ops / ops_base)
#   rss_base        resident memory with no DAMON, mean over the ticks
#   saved_mean      rss_base minus the same mean with the scheme
#   saved_final     the same difference between the last ticks of the runs
#   paged_out       bytes written to the zram swap device
#   applied         the scheme's own sz_applied
#   swapped_in      bytes read back from it
#   refaults        workingset_refault_anon, pages of 4 KiB
#   cpu_ms/s        kdamond's CPU time per second of the run
#
# Nothing if either section is missing or incomplete.

function mib(bytes) {
	return bytes / 1048576
}
/^== / { sect = $2; next }
sect != "reclaim-base" && sect != "reclaim" { next }
$1 == "tick" { n[sect]++; sum[sect] += $4; last[sect] = $4; next }
$1 == "done" { ops[sect] = $4 ? $3 / $4 : 0; next }
$1 == "swap" { rd[sect] = $2; wr[sect] = $3; next }
$1 == "refault" { refault[sect] = $2; next }
$1 == "cpu" { cpu = $3 ? $2 / 1e6 / $3 : 0; next }
$1 == "applied" { applied = $2; next }
END {
	if (!ops["reclaim-base"] || !ops["reclaim"] || !n["reclaim-base"] ||
	    !n["reclaim"])
		exit
	b = "reclaim-base"; s = "reclaim"
	f["ops_base"] = ops[b]
	f["ops"] = ops[s]
	f["slowdown_%"] = 100 * (1 - ops[s] / ops[b])
	f["rss_base"] = sum[b] / n[b] / 1024
	f["saved_mean"] = (sum[b] / n[b] - sum[s] / n[s]) / 1024
	f["saved_final"] = (last[b] - last[s]) / 1024
	f["paged_out"] = mib(wr[s])
	f["applied"] = mib(applied)
	f["swapped_in"] = mib(rd[s])
	f["refaults"] = refault[s] * 4096 / 1048576
	f["cpu_ms/s"] = cpu
	split("ops_base ops slowdown_% rss_base saved_mean saved_final " \
	      "paged_out applied swapped_in refaults cpu_ms/s", order, " ")
	for (i = 1; i in order; i++)
		printf "%s %s %s %.3f\n", kernel, run, order[i], f[order[i]]
}
