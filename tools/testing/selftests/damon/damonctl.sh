#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# damonctl, the shell tool over the configfs and sysfs trees: every
# command and its help, its errors, and a start-show-tune-record-heatmap-
# stop session on a process with a known hot part.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS"
if ! command -v damonctl > /dev/null; then
	echo "SKIP: damonctl is not installed"
	exit $ksft_skip
fi

cleanup() {
	cfs_remove_ctx ctl
	stop_helpers
	rm -f /tmp/ctl.rec /tmp/ctl.svg
}
trap cleanup EXIT

# expect_cmd STATUS PATTERN COMMAND...: exits with STATUS and prints a
# line matching PATTERN.
expect_cmd() {
	local status=$1 pattern=$2 out rc

	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq "$status" ] && echo "$out" | grep -q -- "$pattern"; then
		ok "$* -> $rc, '$pattern'"
	else
		fail "$* -> $rc, wanted $status and '$pattern'; printed:"
		echo "$out" | sed 's/^/    /'
	fi
}

echo "# help and errors"
expect_cmd 0 "usage: damonctl COMMAND" damonctl -h
for cmd in start stop tune status show snapshot record scheme heatmap; do
	expect_cmd 0 "usage: damonctl $cmd" damonctl $cmd -h
done
expect_cmd 2 "unknown command: frobnicate" damonctl frobnicate
expect_cmd 0 "no context" damonctl status
expect_cmd 1 "start needs --pid" damonctl start
expect_cmd 1 "no process 999999" damonctl start --pid 999999
expect_cmd 1 "no such context: nope" damonctl show nope
expect_cmd 1 "no such context: nope" damonctl stop nope
expect_cmd 1 "is configfs mounted" env DAMON_CONFIGFS=/nonexistent damonctl status
expect_cmd 1 "start needs root" "$HERE/as_user" 65534 damonctl start --pid 1
expect_cmd 1 "cannot read recording" damonctl heatmap /nonexistent

echo "# a session"
if ! start_hot_helper 256 32 600; then
	fail "access_hot did not report its hot part"
	finish
fi
expect_cmd 0 "ctl: monitoring pid $helper_pid" \
	damonctl start --pid "$helper_pid" --name ctl --aggr-us 200000
expect_read "$CFS/ctl/state" "on"
expect_read "$CFS/ctl/monitoring_attrs/intervals/aggr_us" "200000"
expect_read "$CFS/ctl/targets/t0/pid_target" "$helper_pid"
expect_cmd 1 "exists already" damonctl start --pid "$helper_pid" --name ctl
expect_cmd 0 "^ctl  *on .*t0=$helper_pid" damonctl status
expect_cmd 1 "aggr_us failed" damonctl tune ctl --aggr-us 0
expect_cmd 1 "unknown option: --colour" damonctl tune ctl --colour red
kpid=$(cat "$CFS/ctl/kdamond_pid")
expect_cmd 0 "ctl: committed" damonctl tune ctl --aggr-us 100000
expect_read "$CFS/ctl/monitoring_attrs/intervals/aggr_us" "100000"
expect_read "$CFS/ctl/kdamond_pid" "$kpid"
sleep 3
# Give show and record room to read all regions in one interval, with 20
# samples in it, as by default.
aggr_us=$(readable_aggr_us ctl)
echo "# aggregation interval for reading: $aggr_us us"
expect_cmd 0 "ctl: committed" damonctl tune ctl \
	--sample-us $((aggr_us / 20)) --aggr-us "$aggr_us"
expect_read "$CFS/ctl/monitoring_attrs/intervals/sample_us" $((aggr_us / 20))
expect_read "$CFS/ctl/kdamond_pid" "$kpid"
sleep $((aggr_us * 3 / 1000000))

table=$(damonctl show ctl)
echo "$table" | sed 's/^/# /'
# The hottest row lies inside the hot part.
if echo "$table" | awk '
	/^[0-9a-f]+ +[0-9a-f]+ / && $5 + 0 > best { best = $5 + 0 }
	END { exit !(best >= 50) }'; then
	ok "show lists a row at 50% or more"
else
	fail "show lists no row at 50% or more"
fi
# They cover most of the hot part and little else: stack and code are
# hot too, but small.
inside=0 outside=0
while read -r s e; do
	s=$((16#$s)) e=$((16#$e))
	lo=$((s > hot_start ? s : hot_start))
	hi=$((e < hot_end ? e : hot_end))
	in=$((hi > lo ? hi - lo : 0))
	inside=$((inside + in))
	outside=$((outside + e - s - in))
done < <(echo "$table" | awk '
	/^[0-9a-f]+ +[0-9a-f]+ / && $5 + 0 >= 50 { print $1, $2 }')
hot_size=$((hot_end - hot_start))
if [ $((inside * 10)) -ge $((hot_size * 8)) ] &&
   [ $((outside * 10)) -le "$hot_size" ]; then
	ok "rows at 50% or more: $((inside >> 20)) MiB of the hot part, $((outside >> 20)) MiB else"
else
	fail "rows at 50% or more: $((inside >> 20)) MiB of the $((hot_size >> 20)) MiB hot part, $((outside >> 20)) MiB else"
fi

expect_cmd 0 "region records in /tmp/ctl.rec" \
	damonctl record ctl --duration $((aggr_us * 6 / 1000000)) -o /tmp/ctl.rec
# Snapshots come in order, each once, each with its regions in order; how
# many fit in six intervals depends on the emulator, so only a few are asked for.
if snaps=$(grep -v '^#' /tmp/ctl.rec | awk '
	$2 != aggr {
		if ($2 <= aggr || $1 < time || seen[$2]++)
			bad = 1
		aggr = $2; time = $1; n++; end = 0
	}
	{ if ($5 < end) bad = 1; end = $6 }
	END { print n; exit bad || n < 2 }'); then
	ok "the recording holds $snaps ordered snapshots"
else
	fail "the recording is out of order or holds under 2 snapshots ($snaps)"
fi
expect_cmd 0 "heatmap of target t0 (pid $helper_pid)" \
	damonctl heatmap /tmp/ctl.rec --width 40 --height 8
expect_cmd 0 "SVG written to /tmp/ctl.svg" \
	damonctl heatmap /tmp/ctl.rec --svg /tmp/ctl.svg
if grep -q '^<svg' /tmp/ctl.svg && grep -q '</svg>' /tmp/ctl.svg; then
	ok "the SVG file is complete"
else
	fail "the SVG file is incomplete"
fi
echo "# schemes"
expect_cmd 0 "usage: damonctl scheme add" damonctl scheme -h
expect_cmd 1 "scheme add needs --action" damonctl scheme add st --ctx ctl
if [ -e "$CFS/ctl/schemes/st" ]; then
	fail "a failed scheme add left schemes/st behind"
else
	ok "a failed scheme add leaves nothing behind"
fi
expect_cmd 1 "writing 'frob' to ctl/schemes/st/action failed" \
	damonctl scheme add st --action frob
expect_cmd 1 "takes MIN-MAX" damonctl scheme add st --action stat --age 5
expect_cmd 1 "unknown scheme command: frob" damonctl scheme frob
expect_cmd 1 "no such scheme: nope" damonctl scheme rm nope
expect_cmd 1 "scheme add needs root" "$HERE/as_user" 65534 \
	damonctl scheme add st --action stat
expect_cmd 0 "ctl: committed" damonctl scheme add st --action stat \
	--nr-accesses 1- --age -100
expect_read "$CFS/ctl/schemes/st/access_pattern/nr_accesses/min" 1
expect_read "$CFS/ctl/schemes/st/access_pattern/nr_accesses/max" \
	18446744073709551615
expect_read "$CFS/ctl/schemes/st/access_pattern/age/min" 0
expect_read "$CFS/ctl/schemes/st/access_pattern/age/max" 100
expect_cmd 1 "exists already" damonctl scheme add st --action stat
sleep $((aggr_us * 3 / 1000000))
expect_cmd 0 "^st  *stat  *0-18446744073709551615  *1-18446744073709551615  *0-100  *0/0/1000  *none  *1  *[1-9]" \
	damonctl scheme show
expect_cmd 0 "ctl: committed" damonctl scheme rm st
if [ -e "$CFS/ctl/schemes/st" ]; then
	fail "scheme rm left schemes/st"
else
	ok "scheme rm removed schemes/st"
fi
expect_cmd 0 "ctl: committed" damonctl scheme add st2 --action pageout \
	--age 50-
echo "# quotas and watermarks"
expect_cmd 1 "weights takes 3 values" damonctl scheme add q --action stat \
	--weights 1,2
expect_cmd 1 "wmarks takes 5 values" damonctl scheme add q --action stat \
	--wmarks free_mem_rate,100000,900,800,100,7
expect_cmd 1 "writing '0' to ctl/schemes/q/quotas/reset_interval_ms failed" \
	damonctl scheme add q --action stat --quota-reset-ms 0
if [ -e "$CFS/ctl/schemes/q" ]; then
	fail "a failed scheme add left schemes/q behind"
else
	ok "a failed scheme add leaves nothing behind"
fi
expect_cmd 0 "ctl: committed" damonctl scheme add q --action stat \
	--quota-bytes 4096 --quota-ms 10 --quota-reset-ms 500 \
	--weights 1,2,3 --wmarks free_mem_rate,100000,1000,1000,0
expect_read "$CFS/ctl/schemes/q/quotas/bytes" 4096
expect_read "$CFS/ctl/schemes/q/quotas/ms" 10
expect_read "$CFS/ctl/schemes/q/quotas/reset_interval_ms" 500
expect_read "$CFS/ctl/schemes/q/quotas/weights/sz_permil" 1
expect_read "$CFS/ctl/schemes/q/quotas/weights/nr_accesses_permil" 2
expect_read "$CFS/ctl/schemes/q/quotas/weights/age_permil" 3
expect_read "$CFS/ctl/schemes/q/watermarks/metric" free_mem_rate
expect_read "$CFS/ctl/schemes/q/watermarks/interval_us" 100000
sleep $((aggr_us * 3 / 1000000))
expect_cmd 0 "^q  *stat .* 4096/10/500  *free_mem_rate:1000/1000/0  *1 " \
	damonctl scheme show
expect_cmd 0 "" damonctl stop ctl
if [ -d "$CFS/ctl" ]; then
	fail "ctl is still there after stop"
else
	ok "stop removed ctl"
fi

finish
