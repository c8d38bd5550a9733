# SPDX-License-Identifier: GPL-2.0
#
# awk -f median.awk -f bench-reclaim-table.awk < FIGURES: the medians over
# runs of bench-reclaim.awk's lines, one row per figure, both kernels side
# by side, and their ratio.

function med(k, f,    i, v) {
	for (i = 1; i <= cnt[k, f]; i++)
		v[i] = val[k, f, i]
	return median(v, cnt[k, f] + 0)
}
function fmt(x) {
	return x == "-" ? "-" : sprintf("%.1f", x)
}
{
	if (!($3 in seen)) {
		seen[$3] = 1
		order[++nf] = $3
	}
	val[$1, $3, ++cnt[$1, $3]] = $4 + 0
	runs[$1] = cnt[$1, $3]
}
END {
	printf "%-12s %10s %10s %8s\n", "reclaim", "ours", "upstream", "ours/up"
	for (i = 1; i <= nf; i++) {
		f = order[i]
		a = med("ours", f)
		b = med("upstream", f)
		r = a == "-" || b == "-" || b + 0 == 0 ? "-" : \
			sprintf("%.2f", a / b)
		printf "%-12s %10s %10s %8s\n", f, fmt(a), fmt(b), r
	}
	printf "%-12s %10d %10d\n", "runs", runs["ours"], runs["upstream"]
}
