# SPDX-License-Identifier: GPL-2.0
#
# median(v, n): the median of v[1..n], sorting v; "-" for none.  Loaded
# with -f before the programs that use it: damon_lib.sh's hot_range_stats
# in the guest, harness/bench.sh's figures and table on the host.
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
}
