# SPDX-License-Identifier: GPL-2.0
#
# awk -f median.awk -f bench-table.awk < FIGURES: the medians over runs of
# bench-figures.awk's lines, both kernels side by side, and their ratio.

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
}
