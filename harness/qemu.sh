#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# qemu.sh BZIMAGE INITRAMFS CMDLINE [PORT_FILE...]
#
# The one place the guest machine is described: two vCPUs, 2 GiB, no
# reboot (a reboot request ends QEMU), the console on stdin/stdout (Ctrl-A
# x quits), and each PORT_FILE the output of the next serial port, ttyS1
# first.  Every boot of the harness (check, demo, shell, bench) goes
# through here, so that all of them test the same machine.
set -eu

kernel=$1 initrd=$2 cmdline=$3
shift 3
ports=()
for file in "$@"; do
	ports+=(-serial "file:$file")
done

exec qemu-system-x86_64 -nographic -no-reboot -smp 2 -m 2G \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" \
	-serial mon:stdio "${ports[@]}"
