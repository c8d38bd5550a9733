#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# configure.sh [VAR=VALUE...] TREE FRAGMENT...
#
# tinyconfig plus the fragments, then a check that every option the
# fragments ask for ended up as asked: Kconfig silently drops an option whose
# dependencies are not met, and we would rather stop than boot without it.
# VAR=VALUE arguments go to kbuild as on its command line: ARCH (x86_64
# unless given), CROSS_COMPILE, and O=ABSOLUTE_DIR for a configuration kept
# out of TREE.
set -euo pipefail

vars=() out=
while [[ ${1:-} == [A-Z]*=* ]]; do
	[[ $1 == O=* ]] && out=${1#O=}
	vars+=("$1")
	shift
done
tree=$1
out=${out:-$tree}
shift
make -s -C "$tree" ARCH=x86_64 "${vars[@]}" tinyconfig >/dev/null 2>&1
"$tree/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$@" >/dev/null
make -s -C "$tree" ARCH=x86_64 "${vars[@]}" olddefconfig

missing=0
for frag in "$@"; do
	while read -r line; do
		name=${line#\# }
		name=${name%%[= ]*}
		case "$line" in
		CONFIG_*=n | "# CONFIG_"*" is not set")
			grep -q "^$name=" "$out/.config" || continue ;;
		CONFIG_*=*)
			grep -qxF "$line" "$out/.config" && continue ;;
		*)
			continue ;;
		esac
		have=$(grep -E "^(# )?$name[= ]" "$out/.config" || echo "absent")
		echo "configure: $frag asks for $line, but the kernel has: $have" >&2
		missing=1
	done < "$frag"
done
if [ $missing -ne 0 ]; then
	echo "configure: unmet options above (check their 'depends on' in Kconfig)" >&2
	exit 1
fi
