// SPDX-License-Identifier: GPL-2.0
/*
 * access_hot - keep a known part of a big anonymous mapping hot.
 *
 * Usage: access_hot TOTAL_MIB HOT_MIB SECONDS [IDLE_SECONDS]
 *
 * Maps TOTAL_MIB of anonymous memory and writes all of it once, so that the
 * cold part is populated too.  Then prints "hot START END map START END"
 * (decimal addresses of the hot part, 2 MiB aligned, in the middle of the
 * mapping, and of the whole mapping)
 * and writes one byte per page of the hot part, over and over, until
 * SECONDS have passed since that report: writing the mapping once may take
 * seconds in a debug kernel, and a caller needs the time after the report.
 *
 * With IDLE_SECONDS, the hot part is left alone for that long after the
 * report, so that a monitor first sees the whole mapping idle, and the
 * mapping is made of small pages, as huge pages are turned off for the
 * process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define MIB		(1UL << 20)
#define HUGE_SZ		(2 * MIB)
#define PAGE_SZ		4096UL

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char *argv[])
{
	unsigned long total, hot, start, i;
	char *map, *hot_part;
	double deadline, idle = 0;

	if (argc != 4 && argc != 5) {
		fprintf(stderr,
			"usage: %s TOTAL_MIB HOT_MIB SECONDS [IDLE_SECONDS]\n",
			argv[0]);
		return 2;
	}
	if (argc == 5) {
		idle = strtod(argv[4], NULL);
		if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)) {
			perror("PR_SET_THP_DISABLE");
			return 1;
		}
	}
	total = strtoul(argv[1], NULL, 0) * MIB;
	hot = strtoul(argv[2], NULL, 0) * MIB;
	if (!hot || hot + HUGE_SZ > total) {
		fprintf(stderr, "the hot part must fit in the mapping\n");
		return 2;
	}

	map = mmap(NULL, total, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (i = 0; i < total; i += PAGE_SZ)
		map[i] = 1;

	start = ((unsigned long)map + (total - hot) / 2 + HUGE_SZ - 1) &
		~(HUGE_SZ - 1);
	hot_part = (char *)start;
	printf("hot %lu %lu map %lu %lu\n", start, start + hot,
	       (unsigned long)map, (unsigned long)map + total);
	fflush(stdout);

	idle += now();
	deadline = now() + strtod(argv[3], NULL);
	while (now() < idle)
		usleep(100000);
	while (now() < deadline) {
		/* Atomic, so that the compiler keeps every access. */
		for (i = 0; i < hot; i += PAGE_SZ)
			__atomic_fetch_add(&hot_part[i], 1, __ATOMIC_RELAXED);
	}
	return 0;
}
