#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# damon-demo: run by the guest's /init for "make demo".  Monitors
# damon-demo-workload with damonctl, records it, and sends the recording
# to the host through the second serial port.

out=${1:-/dev/ttyS1}

damon-demo-workload 3 > /tmp/phases &
workload=$!
sleep 1
damonctl start --pid "$workload" --name demo || exit 1
damonctl status
echo "recording for 37 seconds..."
damonctl record demo --duration 37 -o /tmp/demo.rec
damonctl show demo | head -30
damonctl stop demo
wait "$workload"
cat /tmp/phases /tmp/demo.rec > "$out"
