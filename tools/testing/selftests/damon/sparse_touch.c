// SPDX-License-Identifier: GPL-2.0
/*
 * sparse_touch - a huge reservation with a few chunks of memory in it.
 *
 * Usage: sparse_touch GIB CHUNKS SECONDS
 *
 * Reserves GIB GiB of address space (MAP_NORESERVE, one mapping, aligned
 * to 1 GiB), cuts it into CHUNKS slots of equal size and writes every page
 * of the first 2 MiB of each slot once.  Then prints, on one line,
 * "map START END hot START END late START END" (decimal addresses): the
 * hot chunk is the one of the middle slot, written over and over from
 * then on until SECONDS have passed; the late chunk, in the middle of the
 * last slot, gets its memory only when SIGUSR1 comes, so that a monitor
 * sees memory appear in space that was empty.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define GIB		(1UL << 30)
#define CHUNK_SZ	(2UL << 20)
#define PAGE_SZ		4096UL

static volatile sig_atomic_t late_asked;

static void ask_late(int sig)
{
	late_asked = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void touch(char *start, unsigned long len)
{
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SZ)
		start[off]++;
}

int main(int argc, char *argv[])
{
	unsigned long len, slot, nr, i;
	char *raw, *map, *hot, *late;
	double start, seconds;
	int late_done = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: %s GIB CHUNKS SECONDS\n", argv[0]);
		return 2;
	}
	len = strtoul(argv[1], NULL, 0) * GIB;
	nr = strtoul(argv[2], NULL, 0);
	seconds = strtod(argv[3], NULL);
	signal(SIGUSR1, ask_late);
	if (!nr || !len || len / nr < 2 * CHUNK_SZ) {
		fprintf(stderr, "sparse_touch: slots of 4 MiB at least\n");
		return 2;
	}
	slot = len / nr & ~(CHUNK_SZ - 1);
	/* One GiB more, to align the reservation to its first PUD entry. */
	raw = mmap(NULL, len + GIB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	map = (char *)(((unsigned long)raw + GIB - 1) & ~(GIB - 1));
	for (i = 0; i < nr; i++)
		touch(map + i * slot, CHUNK_SZ);
	hot = map + nr / 2 * slot;
	late = map + (nr - 1) * slot + (slot / 2 & ~(CHUNK_SZ - 1));
	printf("map %lu %lu hot %lu %lu late %lu %lu\n",
	       (unsigned long)map, (unsigned long)map + len,
	       (unsigned long)hot, (unsigned long)hot + CHUNK_SZ,
	       (unsigned long)late, (unsigned long)late + CHUNK_SZ);
	fflush(stdout);
	start = now();
	while (now() - start < seconds) {
		touch(hot, CHUNK_SZ);
		if (late_asked && !late_done) {
			touch(late, CHUNK_SZ);
			late_done = 1;
		}
	}
	return 0;
}
