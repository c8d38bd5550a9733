#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Who may see and choose what is monitored.  Results show a process's
# memory layout, which /proc/PID/maps hides from other users: they are
# root's only.  A target may be named only by a writer who may read the
# process's memory map, and a pid is taken in the writer's pid namespace
# when written, and shown in the reader's.

. "$(dirname "$0")/damon_lib.sh"

skip_unless "$CFS" "$RESULTS" "$DBGFS/target_ids"

NOBODY=65534
CTX=$CFS/priv

cleanup() {
	cfs_remove_ctx priv
	cfs_remove_ctx pidns
	stop_helpers
}
trap cleanup EXIT

# as_nobody_write FILE VALUE: the strerror text of nobody's one write of
# VALUE to FILE, empty on success.
as_nobody_write() {
	printf '%s' "$2" | "$HERE/as_user" $NOBODY "$HERE/write_once" "$1"
}

sleep 600 &
root_pid=$!
helper_pids=$root_pid
"$HERE/as_user" $NOBODY sleep 600 &
nobody_pid=$!
helper_pids="$helper_pids $nobody_pid"

echo "# results are root's only"
cfs_make_ctx priv "$root_pid"
write_ok "$CTX/state" "on"
for i in $(seq 100); do
	[ -e "$RESULTS/priv/targets/t0/regions/0/start" ] && break
	sleep 0.2
done
for f in nr_aggregations targets/t0/pid targets/t0/nr_regions \
	 targets/t0/regions/0/start targets/t0/regions/0/end \
	 targets/t0/regions/0/nr_accesses targets/t0/regions/0/age; do
	mode=$(stat -c %a "$RESULTS/priv/$f" 2>/dev/null)
	if [ "$mode" = 400 ]; then
		ok "$f is mode 0400"
	else
		fail "$f is mode '$mode', not 0400"
	fi
	if "$HERE/as_user" $NOBODY cat "$RESULTS/priv/$f" > /dev/null 2>&1; then
		fail "nobody reads $f"
	else
		ok "nobody cannot read $f"
	fi
done
if [ -n "$(cat "$RESULTS/priv/targets/t0/regions/0/start")" ]; then
	ok "root reads regions/0/start"
else
	fail "root cannot read regions/0/start"
fi
write_ok "$CTX/state" "off"

echo "# a writer names only processes whose memory map it may read"
chown $NOBODY "$CTX/targets/t0/pid_target"
out=$(as_nobody_write "$CTX/targets/t0/pid_target" "$root_pid")
if [ "$out" = "Operation not permitted" ]; then
	ok "nobody writing root's pid $root_pid: $out"
else
	fail "nobody writing root's pid $root_pid: wanted 'Operation not permitted', got '${out:-success}'"
fi
expect_read "$CTX/targets/t0/pid_target" "$root_pid"
if dmesg | grep -q "may not monitor pid $root_pid"; then
	ok "the refusal is logged"
else
	fail "no log line for the refusal"
fi
out=$(as_nobody_write "$CTX/targets/t0/pid_target" "$nobody_pid")
if [ -z "$out" ]; then
	ok "nobody writes its own pid $nobody_pid"
else
	fail "nobody writing its own pid $nobody_pid: $out"
fi
expect_read "$CTX/targets/t0/pid_target" "$nobody_pid"

echo "# debugfs, and configfs files not handed over, are root's only"
for f in target_ids attrs monitor_on; do
	if "$HERE/as_user" $NOBODY cat "$DBGFS/$f" > /dev/null 2>&1; then
		fail "nobody reads debugfs $f"
	else
		ok "nobody cannot read debugfs $f"
	fi
done
before=$(cat "$DBGFS/target_ids")
out=$(as_nobody_write "$DBGFS/target_ids" "$nobody_pid")
if [ -n "$out" ] && [ "$(cat "$DBGFS/target_ids")" = "$before" ]; then
	ok "nobody writing debugfs target_ids: $out"
else
	fail "nobody writing debugfs target_ids: '${out:-success}'"
fi
out=$(as_nobody_write "$CTX/state" "on")
if [ "$out" = "open: Permission denied" ] && [ "$(cat "$CTX/state")" = off ]; then
	ok "nobody writing configfs state: $out"
else
	fail "nobody writing configfs state: '${out:-success}'"
fi

echo "# a pid is taken in the writer's pid namespace"
mkdir "$CFS/pidns" "$CFS/pidns/targets/t0"
# Inside a new pid namespace, a sleep gets a small pid there; this
# procfs is the outer one's, so the sleep's outer pid is found by its
# unique argument.
pid_file=$CFS/pidns/targets/t0/pid_target
said=$(mktemp)
unshare -p -f sh -c "sleep 613 > /dev/null & echo \$! > $pid_file &&
	echo \$! \$(cat $pid_file) > $said; wait" &
helper_pids="$helper_pids $!"
outer=""
for i in $(seq 50); do
	for p in /proc/[0-9]*; do
		[ "$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null)" = "sleep 613 " ] &&
			outer=${p#/proc/}
	done
	[ -n "$outer" ] && [ -s "$said" ] && break
	sleep 0.2
done
read -r inner inner_read < "$said"
rm -f "$said"
if [ -n "$outer" ] && [ -n "$inner" ] && [ "$inner" = "$inner_read" ] &&
   [ "$inner" != "$outer" ]; then
	ok "inside the namespace, pid $inner reads back as $inner_read"
else
	fail "inside the namespace: wrote '$inner', read '$inner_read' (outer pid '$outer')"
fi
expect_read "$CFS/pidns/targets/t0/pid_target" "$outer"
write_ok "$CFS/pidns/state" "on"
expect_settles "$RESULTS/pidns/targets/t0/pid" "$outer"
write_ok "$CFS/pidns/state" "off"
kill "$outer" 2>/dev/null

finish
