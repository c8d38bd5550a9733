#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A target with a hugetlb mapping.  Its huge pages are mapped by entries
# that only hugetlb's helpers and locks may touch, so sampling leaves them
# alone: the mapping counts no access, while the process's normal memory,
# as busy, is monitored as usual, and the kernel log stays clean.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" /proc/sys/vm/nr_hugepages

MIB=8

cleanup() {
	cfs_remove_ctx huge
	stop_helpers
	echo 0 > /proc/sys/vm/nr_hugepages
}
trap cleanup EXIT

echo $((MIB / 2 + 2)) > /proc/sys/vm/nr_hugepages
if ! start_reporting_helper hugetlb_touch $MIB 300; then
	fail "hugetlb_touch did not start (no huge pages?)"
	finish
fi
read -r _ huge_start huge_end _ normal_start normal_end <<< "$helper_report"

cfs_make_ctx huge "$helper_pid"
echo 20 > "$CFS/huge/monitoring_attrs/nr_regions/min"
write_ok "$CFS/huge/state" "on"
sleep 5
aggr_us=$(readable_aggr_us huge)
echo "$aggr_us" > "$CFS/huge/monitoring_attrs/intervals/aggr_us"
write_ok "$CFS/huge/state" "commit"
sleep $((aggr_us / 1000000 * 2 + 1))
regions=$(sysfs_regions huge t0) || fail "no consistent read of the results"
# Byte shares of each mapping that regions seen accessed cover.  A region
# across the boundary of the two mappings may take a little of the
# hugetlb one along.
echo "$regions" | awk -v hs="$huge_start" -v he="$huge_end" \
	-v ns="$normal_start" -v ne="$normal_end" '
	function overlap(s, e, lo, hi) {
		s = s > lo ? s : lo
		e = e < hi ? e : hi
		return e > s ? e - s : 0
	}
	{
		split($4, r, "-")
		if ($5 + 0 == 0)
			next
		huge += overlap(r[1] + 0, r[2] + 0, hs, he)
		normal += overlap(r[1] + 0, r[2] + 0, ns, ne)
	}
	END { printf "%.2f %.2f\n", huge / (he - hs), normal / (ne - ns) }' |
	read -r huge_share normal_share
if awk -v h="$huge_share" 'BEGIN { exit !(h < 0.25) }'; then
	ok "regions seen accessed cover $huge_share of the hugetlb mapping"
else
	fail "regions seen accessed cover $huge_share of the hugetlb mapping"
fi
if awk -v n="$normal_share" 'BEGIN { exit !(n >= 0.5) }'; then
	ok "regions seen accessed cover $normal_share of the normal mapping"
else
	fail "regions seen accessed cover $normal_share of the normal mapping"
fi
write_ok "$CFS/huge/state" "off"

finish
