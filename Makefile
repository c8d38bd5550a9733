# SPDX-License-Identifier: GPL-2.0
#
# The whole loop: install host packages, extract Linux 6.1, lay our files
# over it, build, boot under QEMU and report. See README.md.

BUILD    := $(CURDIR)/build
TREE     := $(BUILD)/linux
KSRC     ?= /usr/src/linux-source-6.1.tar.xz
TIMEOUT  ?= 900
JOBS     ?= $(shell nproc)
KMAKE    := $(MAKE) -C $(TREE) ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j$(JOBS)
SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)

HOST_PACKAGES := linux-source-6.1 gcc make libc6-dev bc flex bison libelf-dev \
	libssl-dev cpio kmod xz-utils qemu-system-x86 busybox-static bash-static \
	ccache rsync linux-perf trace-cmd
CROSS_PACKAGES := gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu \
	gcc-i686-linux-gnu binutils-i686-linux-gnu
CONFIG_FRAGMENTS := harness/kernel.config tools/testing/selftests/damon/config \
	$(EXTRA_CONFIG)

.PHONY: all check check-debug demo kernel initramfs shell deps tree clean
all: kernel

# A .config that configure.sh failed to finish must not pass for a good one.
.DELETE_ON_ERROR:

## make check: build, boot, run KUnit and kselftests; "N passed, N failed".
## TESTS="a.sh b.sh" runs only those kselftests.
check: kernel initramfs
	@harness/run-guest.sh $(BUILD)/bzImage $(BUILD)/initramfs.cpio.gz $(BUILD) \
		$(TIMEOUT) "$(TESTS)"

## make check-debug: the same tests on a KASAN, lockdep and kmemleak kernel,
## built in a tree of its own under build/debug/.  Its guest takes about
## 30 minutes here; the limit leaves room for a busy machine.
check-debug:
	@$(MAKE) --no-print-directory check BUILD=$(BUILD)/debug \
		EXTRA_CONFIG=harness/debug.config TIMEOUT=3600

## make demo: watch a workload's access pattern become a heatmap.
demo: kernel initramfs
	@echo "  DEMO    booting; the guest monitors a workload for about 40 s"
	@timeout 300 harness/qemu.sh $(BUILD)/bzImage $(BUILD)/initramfs.cpio.gz \
		"console=ttyS0 quiet panic=-1 guest.demo" $(BUILD)/demo.rec < /dev/null
	@tools/damon/damonctl heatmap $(BUILD)/demo.rec --svg $(BUILD)/heatmap.svg

## make bench: accuracy and cost of our DAMON next to upstream's, built
## unmodified in build/upstream/, then proactive reclaim with a pageout
## scheme on both; the tables go to build/bench.txt.
## BENCH_RUNS=N boots per kernel (3); BENCH_SECONDS, BENCH_STEP, BENCH_SETTLE,
## BENCH_RECLAIM, BENCH_SCHEME, BENCH_ONLY=hot,multi or BENCH_ONLY=reclaim:
## see harness/bench.sh.
.PHONY: bench
bench: kernel initramfs
	@JOBS=$(JOBS) harness/bench.sh $(KSRC) $(BUILD)

## make build-check: vmlinux with all of DAMON for arm64, three i386 memory
## models and x86_64 without THP, in build/cross/; fails if one does not link
## or if the compiler warns about our files. See harness/build-check.sh.
.PHONY: build-check cross-deps
build-check: deps cross-deps
	@JOBS=$(JOBS) harness/build-check.sh $(KSRC) $(BUILD)/cross

## make shell: the same kernel with an interactive shell (Ctrl-A x quits).
shell: kernel initramfs
	harness/qemu.sh $(BUILD)/bzImage $(BUILD)/initramfs.cpio.gz \
		"console=ttyS0 panic=-1 guest.shell"

## make kernel: build/bzImage, rebuilt incrementally with ccache.
kernel: tree $(TREE)/.config
	@$(KMAKE) -s bzImage
	@cp $(TREE)/arch/x86/boot/bzImage $(BUILD)/bzImage
	@echo "  KERNEL  $(BUILD)/bzImage"
	@harness/layers.sh $(TREE)

initramfs: tree
	@harness/upstream-selftests.sh $(KSRC) $(BUILD)/upstream-selftests
	@harness/mkinitramfs.sh $(TREE) $(BUILD)/upstream-selftests/install \
		$(BUILD)/initramfs.cpio.gz

$(TREE)/.config: $(CONFIG_FRAGMENTS) $(wildcard mm/damon/Kconfig) | tree
	@echo "  CONFIG  tinyconfig + $(CONFIG_FRAGMENTS)"
	@harness/configure.sh $(TREE) $(CONFIG_FRAGMENTS)

tree: deps
	@harness/sync-tree.sh $(KSRC) $(TREE) $(CURDIR)

deps:
	@missing=$$(for p in $(HOST_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "  APT     $$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing; \
	fi

# The cross compilers that build-check needs, installed as deps installs.
cross-deps:
	@$(MAKE) --no-print-directory deps HOST_PACKAGES="$(CROSS_PACKAGES)"

clean:
	rm -rf $(BUILD)
