#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# configure.sh TREE FRAGMENT...
#
# tinyconfig plus the fragments, then a check that every option the
# fragments ask for ended up as asked: Kconfig silently drops an option whose
# dependencies are not met, and we would rather stop than boot without it.
set -euo pipefail

tree=$1
shift
make -s -C "$tree" ARCH=x86_64 tinyconfig >/dev/null 2>&1
"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "$@" >/dev/null
make -s -C "$tree" ARCH=x86_64 olddefconfig

missing=0
for frag in "$@"; do
	while read -r line; do
		name=${line#\# }
		name=${name%%[= ]*}
		case "$line" in
		CONFIG_*=n | "# CONFIG_"*" is not set")
			grep -q "^$name=" "$tree/.config" || continue ;;
		CONFIG_*=*)
			grep -qxF "$line" "$tree/.config" && continue ;;
		*)
			continue ;;
		esac
		have=$(grep -E "^(# )?$name[= ]" "$tree/.config" || echo "absent")
		echo "configure: $frag asks for $line, but the kernel has: $have" >&2
		missing=1
	done < "$frag"
done
if [ $missing -ne 0 ]; then
	echo "configure: unmet options above (check their 'depends on' in Kconfig)" >&2
	exit 1
fi
