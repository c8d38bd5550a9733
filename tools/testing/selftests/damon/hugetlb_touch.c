// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb_touch - keep a hugetlb mapping and a normal one busy.
 *
 * Usage: hugetlb_touch MIB SECONDS
 *
 * Maps MIB of hugetlb memory (the default huge page size; the pool must
 * hold enough pages) and MIB of normal anonymous memory, prints
 * "hugetlb START END normal START END" (decimal addresses), then writes a
 * byte of every 4 KiB of both, over and over, for SECONDS.  Exits 3 if no
 * huge page can be had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define MIB		(1UL << 20)
#define PAGE_SZ		4096UL

static void touch(char *p, unsigned long sz)
{
	unsigned long i;

	for (i = 0; i < sz; i += PAGE_SZ)
		__atomic_fetch_add(&p[i], 1, __ATOMIC_RELAXED);
}

int main(int argc, char *argv[])
{
	unsigned long sz;
	time_t deadline;
	char *huge, *normal;

	if (argc != 3) {
		fprintf(stderr, "usage: %s MIB SECONDS\n", argv[0]);
		return 2;
	}
	sz = strtoul(argv[1], NULL, 0) * MIB;
	huge = mmap(NULL, sz, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (huge == MAP_FAILED) {
		perror("mmap MAP_HUGETLB");
		return 3;
	}
	normal = mmap(NULL, sz, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (normal == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	touch(huge, sz);
	touch(normal, sz);
	printf("hugetlb %lu %lu normal %lu %lu\n", (unsigned long)huge,
	       (unsigned long)huge + sz, (unsigned long)normal,
	       (unsigned long)normal + sz);
	fflush(stdout);
	deadline = time(NULL) + strtol(argv[2], NULL, 0);
	while (time(NULL) < deadline) {
		touch(huge, sz);
		touch(normal, sz);
	}
	return 0;
}
