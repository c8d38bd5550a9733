# SPDX-License-Identifier: GPL-2.0
#
# awk -v kernel=K -v run=N -v settle=S -f median.awk -f bench-figures.awk
# < RECORD: the figures of one boot of harness/bench.sh, from the record
# that tools/damon/bench/bench.sh wrote in the guest.  Per workload, one
# line "KERNEL RUN WORKLOAD PRECISION RECALL F1 DELAY REGIONS CPU_MS_PER_S",
# each a median:
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
	# The proactive reclaim runs have figures of their own
	# (bench-reclaim.awk).
	if (name == "end" || name ~ /^reclaim/)
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
}
