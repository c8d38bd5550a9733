#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sync-tree.sh BASE TREE PROJECT
#
# Makes TREE the kernel we build: BASE (a kernel tarball or source directory)
# extracted once, without upstream's DAMON, with PROJECT's kernel-tree files
# laid over it. Only files whose content or mode changed are copied, so kbuild
# rebuilds only what we touched; files dropped from PROJECT leave TREE again.
set -euo pipefail

base=$1 tree=$(realpath -m "$2") proj=$3
overlay_dirs="mm include Documentation tools"
upstream_damon="mm/damon include/linux/damon.h include/trace/events/damon.h
	tools/testing/selftests/damon Documentation/admin-guide/mm/damon
	Documentation/mm/damon Documentation/ABI/testing/sysfs-kernel-mm-damon"

# Puts BASE's copy of $1 back into TREE, if BASE has one and it is not
# upstream's DAMON, which stays out.
restore_from_base() {
	local p

	for p in $upstream_damon; do
		case "$1" in "$p" | "$p"/*) return 0 ;; esac
	done
	if [ -d "$base" ]; then
		[ -e "$base/$1" ] && cp -p "$base/$1" "$tree/$1"
	else
		tar -xf "$base" -C "$tree" --strip-components=1 \
			--wildcards "*/$1" 2>/dev/null
	fi
	return 0
}

if [ "$(cat "$tree/.base" 2>/dev/null)" != "$base" ] ||
   [ ! -f "$tree/.upstream-damon" ]; then
	[ -e "$base" ] || { echo "sync-tree: $base: no such kernel source" >&2; exit 1; }
	echo "  EXTRACT $base -> $tree"
	rm -rf "$tree"
	mkdir -p "$tree"
	if [ -d "$base" ]; then
		cp -a "$base/." "$tree/"
	else
		tar -xf "$base" -C "$tree" --strip-components=1
	fi
	(cd "$tree" && for p in $upstream_damon; do
		[ ! -e "$p" ] || find "$p" -type f
	done | LC_ALL=C sort > .upstream-damon)
	for p in $upstream_damon; do
		rm -rf "${tree:?}/$p"
	done
	: > "$tree/.overlay"
	echo "$base" > "$tree/.base"
fi

cd "$proj"
for d in $overlay_dirs; do [ ! -d "$d" ] || find "$d" -type f; done |
	LC_ALL=C sort > "$tree/.overlay.new"
while read -r f; do
	# A mode change alone (chmod +x of a test) must reach the tree too.
	cmp -s "$f" "$tree/$f" &&
		[ "$(stat -c %a "$f")" = "$(stat -c %a "$tree/$f")" ] && continue
	echo "  OVERLAY $f"
	mkdir -p "$tree/$(dirname "$f")"
	cp "$f" "$tree/$f"
	chmod --reference="$f" "$tree/$f"
done < "$tree/.overlay.new"
LC_ALL=C comm -23 "$tree/.overlay" "$tree/.overlay.new" | while read -r f; do
	echo "  REMOVE  $f"
	rm -f "${tree:?}/$f"
	restore_from_base "$f"
done
mv "$tree/.overlay.new" "$tree/.overlay"

# Our MAINTAINERS entry takes the place of upstream's entry of that title.
awk -v entry="$proj/MAINTAINERS" '
BEGIN {
	while ((getline line < entry) > 0)
		ours = ours line "\n"
	title = substr(ours, 1, index(ours, "\n") - 1)
}
$0 == title { printf "%s", ours; skip = 1; next }
skip && /^$/ { skip = 0 }
!skip { print }' "$tree/MAINTAINERS" > "$tree/.MAINTAINERS.new"
if cmp -s "$tree/.MAINTAINERS.new" "$tree/MAINTAINERS"; then
	rm "$tree/.MAINTAINERS.new"
else
	mv "$tree/.MAINTAINERS.new" "$tree/MAINTAINERS"
fi

# Nothing of upstream's DAMON may reach the build: each of its files that is
# still in the tree must be one of ours.
cd "$tree"
LC_ALL=C comm -23 .upstream-damon .overlay | while read -r f; do
	[ ! -e "$f" ] && continue
	echo "sync-tree: upstream's $f is in the build tree" >&2
	exit 1
done
