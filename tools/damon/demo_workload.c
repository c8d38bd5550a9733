// SPDX-License-Identifier: GPL-2.0
/*
 * damon-demo-workload - an access pattern that is easy to recognise.
 *
 * Usage: damon-demo-workload [STEP_SECONDS]
 *
 * Maps 256 MiB and writes all of it once.  Then a 32 MiB hot area climbs
 * from the bottom of the mapping to its top in eight steps, and then two
 * areas, one low and one high, are accessed in turn, four times.  Each
 * step lasts STEP_SECONDS (default 3).  Every phase start is printed as
 * "# phase at T s: START-END" (hexadecimal addresses).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define MIB		(1UL << 20)
#define TOTAL		(256 * MIB)
#define AREA		(32 * MIB)
#define PAGE_SZ		4096UL

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Writes a byte of every page of [area, area + AREA) for @seconds. */
static void keep_hot(char *area, double seconds, double t0)
{
	double end = now() + seconds;
	unsigned long i;

	printf("# phase at %.1f s: %lx-%lx\n", now() - t0,
	       (unsigned long)area, (unsigned long)area + AREA);
	fflush(stdout);
	while (now() < end) {
		for (i = 0; i < AREA; i += PAGE_SZ)
			__atomic_fetch_add(&area[i], 1, __ATOMIC_RELAXED);
	}
}

int main(int argc, char *argv[])
{
	double step = argc > 1 ? strtod(argv[1], NULL) : 3, t0;
	unsigned long i;
	char *map;
	int n;

	map = mmap(NULL, TOTAL, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (i = 0; i < TOTAL; i += PAGE_SZ)
		map[i] = 1;
	t0 = now();
	for (n = 0; n < TOTAL / AREA; n++)
		keep_hot(map + n * AREA, step, t0);
	for (n = 0; n < 4; n++)
		keep_hot(map + (n % 2 ? 6 : 1) * AREA, step, t0);
	return 0;
}
