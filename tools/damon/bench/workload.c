// SPDX-License-Identifier: GPL-2.0
/*
 * damon-bench-workload - access patterns whose hot ranges are known, for
 * measuring how well a monitor sees them.
 *
 * Usage: damon-bench-workload MODE ARGS...
 *
 *   hot SECONDS         1 GiB mapping, 64 MiB hot in its middle
 *   moving STEP         512 MiB mapping; a 64 MiB hot range starts at
 *                       64 MiB and climbs by 64 MiB every STEP seconds:
 *                       six phases
 *   scattered SECONDS   512 MiB with transparent huge pages off; 64 hot
 *                       spots of 64 KiB, one at a random page of each
 *                       8 MiB slot
 *   size MIB SECONDS    MIB mapping, huge pages off, 32 MiB hot in its
 *                       middle; the cold part has one page per MiB
 *                       touched, so that any size fits in a small guest
 *   multi N SECONDS     N processes, each with a 256 MiB mapping and its
 *                       own 32 MiB hot range
 *   reclaim MIB SECONDS MIB mapping, huge pages off, for proactive
 *                       reclaim: see run_reclaim()
 *   sparse GIB SECONDS  GIB reserved, 32 chunks of 2 MiB written in it,
 *                       4 of them hot: see run_sparse()
 *   sparse-4k GIB SECONDS  the same with huge pages off, and 4096 single
 *                       pages written at random places besides
 *   sparse-many GIB SECONDS  the same as sparse with 256 chunks, more
 *                       than a monitor may keep apart
 *
 * Each mapping is written once, then its ranges are reported, one line
 * each, numbers in decimal, addresses as [start, end):
 *
 *   pid TARGET PID      a process to monitor, TARGET its index (0, 1, ...)
 *   map TARGET START END  the mapping of that process
 *   ready
 *
 * SIGUSR1 starts the accesses.  Each phase then prints
 *
 *   phase T             T the phase's start, CLOCK_MONOTONIC seconds
 *   hot TARGET START END  one line per hot range of the phase
 *
 * and the end of the last phase prints "done T".  The processes then wait
 * to be killed, so that the monitor sees them until it is stopped.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define KIB		1024UL
#define MIB		(1024 * KIB)
#define HUGE_SZ		(2 * MIB)
#define PAGE_SZ		4096UL
#define MAX_SPOTS	64
#define MAX_PROCS	16
#define RECLAIM_HOT	(16 * MIB)
#define RECLAIM_WARM	(64 * MIB)
#define WARM_PERIOD	8.0
#define FLUSH_SZ	(256 * KIB)
#define GIB		(1024 * MIB)
#define SPARSE_CHUNKS	32
#define SPARSE_MANY	256
#define SPARSE_HOT	4
#define SPARSE_PAGES	4096

struct range {
	unsigned long start, end;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A private anonymous mapping of @len bytes at a 2 MiB boundary, so that
 * huge pages line up with the ranges we report.  Only the pages we touch
 * get memory.
 */
static char *map_aligned(unsigned long len)
{
	unsigned long raw, start;
	char *p;

	p = mmap(NULL, len + HUGE_SZ, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	raw = (unsigned long)p;
	start = (raw + HUGE_SZ - 1) & ~(HUGE_SZ - 1);
	if (start > raw)
		munmap(p, start - raw);
	munmap((char *)start + len, raw + HUGE_SZ - start);
	return (char *)start;
}

/* Writes one byte every @stride bytes of [p, p + len). */
static void touch(char *p, unsigned long len, unsigned long stride)
{
	unsigned long i;

	for (i = 0; i < len; i += stride)
		p[i] = 1;
}

static void wait_for_start(void)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigwait(&set, &sig);
}

/* Writes a byte of every page of the @n ranges, once. */
static void sweep(const struct range *r, int n)
{
	unsigned long a;
	int i;

	for (i = 0; i < n; i++) {
		/* Atomic, so that the compiler keeps every access. */
		for (a = r[i].start; a < r[i].end; a += PAGE_SZ)
			__atomic_fetch_add((char *)a, 1, __ATOMIC_RELAXED);
	}
}

/* Sweeps the @n ranges over and over, until @seconds have passed. */
static void keep_hot(const struct range *r, int n, double seconds)
{
	double end = now() + seconds;

	while (now() < end)
		sweep(r, n);
}

static void print_hot(int target, const struct range *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		printf("hot %d %lu %lu\n", target, r[i].start, r[i].end);
}

static void print_target(int target, pid_t pid, const char *map,
			 unsigned long len)
{
	printf("pid %d %d\nmap %d %lu %lu\n", target, (int)pid, target,
	       (unsigned long)map, (unsigned long)map + len);
}

/* The middle @hot bytes of @map, @len long, at a 2 MiB boundary. */
static struct range middle(const char *map, unsigned long len,
			   unsigned long hot)
{
	struct range r;

	r.start = ((unsigned long)map + (len - hot) / 2) & ~(HUGE_SZ - 1);
	r.end = r.start + hot;
	return r;
}

/*
 * The hot ranges of a one-process mode in @map, @len long; returns how
 * many.  "moving" gives its first phase's range.
 */
static int hot_ranges(const char *mode, char *map, unsigned long len,
		      struct range *r)
{
	unsigned long slot, off, seed = 1;
	int i;

	if (!strcmp(mode, "moving")) {
		r[0].start = (unsigned long)map + 64 * MIB;
		r[0].end = r[0].start + 64 * MIB;
		return 1;
	}
	if (!strcmp(mode, "hot")) {
		r[0] = middle(map, len, 64 * MIB);
		return 1;
	}
	if (strcmp(mode, "scattered")) {
		r[0] = middle(map, len, 32 * MIB);
		return 1;
	}
	slot = len / MAX_SPOTS;
	for (i = 0; i < MAX_SPOTS; i++) {
		/* A fixed LCG: the same offsets on every kernel. */
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		off = (seed >> 33) % ((slot - 64 * KIB) / PAGE_SZ) * PAGE_SZ;
		r[i].start = (unsigned long)map + i * slot + off;
		r[i].end = r[i].start + 64 * KIB;
	}
	return MAX_SPOTS;
}

/*
 * One process with one mapping of @len bytes, written every @cold_stride
 * bytes, its hot ranges fully; @nr_phases phases of @step seconds.
 */
static void run_single(const char *mode, unsigned long len, int huge,
		       unsigned long cold_stride, int nr_phases, double step)
{
	struct range r[MAX_SPOTS];
	int i, n, phase;
	char *map;

	/*
	 * The guest kernels have no madvise() (tinyconfig leaves out
	 * ADVISE_SYSCALLS): turn huge pages off for the whole process.
	 */
	if (!huge && prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)) {
		perror("PR_SET_THP_DISABLE");
		exit(1);
	}
	map = map_aligned(len);
	touch(map, len, cold_stride);
	n = hot_ranges(mode, map, len, r);
	for (i = 0; i < n; i++)
		touch((char *)r[i].start, r[i].end - r[i].start, PAGE_SZ);

	print_target(0, getpid(), map, len);
	printf("ready\n");
	fflush(stdout);
	wait_for_start();
	for (phase = 0; phase < nr_phases; phase++) {
		if (phase) {
			/* Only "moving" has phases: one step up. */
			r[0].start += 64 * MIB;
			r[0].end += 64 * MIB;
		}
		printf("phase %.6f\n", now());
		print_hot(0, r, n);
		fflush(stdout);
		keep_hot(r, n, step);
	}
	printf("done %.6f\n", now());
	fflush(stdout);
}

/* What a child of "multi" tells its parent once its mapping is ready. */
struct child_report {
	int index;
	unsigned long map;
	struct range hot;
};

/* @nr processes, each keeping its own part of its own mapping hot. */
static void run_multi(int nr, double seconds)
{
	unsigned long len = 256 * MIB;
	struct child_report rep, reps[MAX_PROCS];
	pid_t pid[MAX_PROCS];
	int fds[2], i;
	char *map;

	if (nr < 1 || nr > MAX_PROCS || pipe(fds)) {
		fprintf(stderr, "multi: 1 to %d processes\n", MAX_PROCS);
		exit(2);
	}
	for (i = 0; i < nr; i++) {
		pid[i] = fork();
		if (pid[i] < 0) {
			perror("fork");
			exit(1);
		}
		if (pid[i])
			continue;
		/* Children go when the parent is killed. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		map = map_aligned(len);
		touch(map, len, PAGE_SZ);
		rep.index = i;
		rep.map = (unsigned long)map;
		/* Each process's hot range sits somewhere else in its map. */
		rep.hot.start = rep.map + (16 + 48 * (i % 4)) * MIB;
		rep.hot.end = rep.hot.start + 32 * MIB;
		/* Less than PIPE_BUF: one write is never split. */
		if (write(fds[1], &rep, sizeof(rep)) != sizeof(rep))
			exit(1);
		wait_for_start();
		keep_hot(&rep.hot, 1, seconds);
		for (;;)
			pause();
	}
	for (i = 0; i < nr; i++) {
		if (read(fds[0], &rep, sizeof(rep)) != sizeof(rep))
			exit(1);
		reps[rep.index] = rep;
	}
	for (i = 0; i < nr; i++)
		print_target(i, pid[i], (char *)reps[i].map, len);
	printf("ready\n");
	fflush(stdout);
	wait_for_start();
	for (i = 0; i < nr; i++)
		kill(pid[i], SIGUSR1);
	printf("phase %.6f\n", now());
	for (i = 0; i < nr; i++)
		print_hot(i, &reps[i].hot, 1);
	fflush(stdout);
	usleep(seconds * 1e6);
	printf("done %.6f\n", now());
	fflush(stdout);
}

/* Resident memory of this process, in KiB, from /proc/self/statm. */
static unsigned long rss_kib(void)
{
	unsigned long size, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%lu %lu", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (PAGE_SZ / KIB);
}

/*
 * Gives every page of [p, p + len) its own first KiB of numbers, the rest
 * zeros: zram stores such a page in about a KiB, as it would real data,
 * not as the one-value page it keeps for free.
 */
static void fill(char *p, unsigned long len)
{
	unsigned long a, i, x = 1;

	for (a = 0; a < len; a += PAGE_SZ) {
		for (i = 0; i < KIB; i += sizeof(x)) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			*(unsigned long *)(p + a + i) = x;
		}
	}
}

/*
 * Makes the kernel flush this CPU's TLB: changing the protection of more
 * than a few dozen populated pages of @scratch, FLUSH_SZ long, flushes
 * all of it.  Under QEMU without KVM this matters: QEMU sizes its
 * software TLB only when the guest flushes, and a process that never
 * flushes keeps the small one it started with, which a hot range of
 * thousands of pages thrashes; the pageout of a scheme flushes, and its
 * run would get faster than the one without.  A warm-up and a flush per
 * second give both runs the TLB a real machine would have.
 */
static void flush_tlb(char *scratch)
{
	if (mprotect(scratch, FLUSH_SZ, PROT_NONE) ||
	    mprotect(scratch, FLUSH_SZ, PROT_READ | PROT_WRITE)) {
		perror("mprotect");
		exit(1);
	}
}

/*
 * "reclaim": one mapping of @len bytes, all of it written once, laid out
 * as a 16 MiB hot range, then 64 MiB of warm memory, then cold memory
 * that is never touched again.  For @seconds it sweeps the hot range,
 * one write per page, over and over; every WARM_PERIOD seconds it also
 * sweeps the warm range, which a reclaimer that waits less than that
 * before paging memory out takes away only for the workload to fault it
 * back in, time the sweeps of the hot range then lose.  It prints
 *
 *   tick T SWEEPS RSS_KIB   about once a second: sweeps of the hot range
 *                           since the start, and the resident memory
 *   done T SWEEPS SECONDS   at the end; SWEEPS / SECONDS is its speed
 */
static void run_reclaim(unsigned long len, double seconds)
{
	struct range hot, warm;
	unsigned long sweeps = 0;
	double start, t, next_tick, next_warm;
	char *map, *scratch;
	int i;

	if (len < RECLAIM_HOT + RECLAIM_WARM + 2 * HUGE_SZ) {
		fprintf(stderr, "reclaim: the mapping is too small\n");
		exit(2);
	}
	if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)) {
		perror("PR_SET_THP_DISABLE");
		exit(1);
	}
	map = map_aligned(len);
	fill(map, len);
	scratch = map_aligned(FLUSH_SZ);
	touch(scratch, FLUSH_SZ, PAGE_SZ);
	hot.start = (unsigned long)map;
	hot.end = hot.start + RECLAIM_HOT;
	warm.start = hot.end;
	warm.end = warm.start + RECLAIM_WARM;

	print_target(0, getpid(), map, len);
	printf("hot 0 %lu %lu\nwarm 0 %lu %lu\nready\n", hot.start, hot.end,
	       warm.start, warm.end);
	fflush(stdout);
	wait_for_start();
	for (i = 0; i < 16; i++) {
		flush_tlb(scratch);
		sweep(&hot, 1);
	}
	start = now();
	next_tick = start + 1;
	next_warm = start + WARM_PERIOD;
	for (t = start; t < start + seconds; t = now()) {
		if (t >= next_warm) {
			sweep(&warm, 1);
			next_warm += WARM_PERIOD;
		}
		if (t >= next_tick) {
			flush_tlb(scratch);
			printf("tick %.6f %lu %lu\n", t, sweeps, rss_kib());
			fflush(stdout);
			next_tick += 1;
		}
		sweep(&hot, 1);
		sweeps++;
	}
	printf("done %.6f %lu %.6f\n", t, sweeps, t - start);
	fflush(stdout);
}

/* A fixed LCG, so that random places are the same on every kernel. */
static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

/*
 * "sparse": a reservation of @len bytes, of which only @nr chunks of
 * 2 MiB get memory, as databases, JVMs and sanitizers reserve far more
 * address space than they use.  The reservation is cut into as
 * many slots of equal size, and each slot has one chunk, at a random huge
 * page boundary in it.  Every chunk is written once; SPARSE_HOT of them,
 * spread over the reservation (every @nr / 4th, from the fourth), are then
 * swept over and over for @seconds, the rest never touched again.  The
 * mapping is MAP_NORESERVE, so that no overcommit policy but "never"
 * refuses it, and one VMA, so that only the page tables tell where the
 * memory is.
 *
 * With @huge off ("sparse-4k"), huge pages are off for the whole process,
 * so that chunks are 512 pages each, and SPARSE_PAGES single pages at
 * random places of the reservation are written once too: cold memory
 * behind page tables all over it, not only in 32 places.
 */
static void run_sparse(unsigned long len, unsigned long nr, int huge,
		       double seconds)
{
	struct range hot[SPARSE_HOT];
	unsigned long slot, i, page, seed = 1;
	char *map, *chunk;
	int n = 0;

	slot = len / nr & ~(HUGE_SZ - 1);
	if (slot < HUGE_SZ) {
		fprintf(stderr, "sparse: the reservation is too small\n");
		exit(2);
	}
	if (!huge && prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)) {
		perror("PR_SET_THP_DISABLE");
		exit(1);
	}
	map = map_aligned(len);
	for (i = 0; i < nr; i++) {
		chunk = map + i * slot +
			next_rand(&seed) % (slot / HUGE_SZ) * HUGE_SZ;
		touch(chunk, HUGE_SZ, PAGE_SZ);
		if (i % (nr / SPARSE_HOT) == 3) {
			hot[n].start = (unsigned long)chunk;
			hot[n++].end = (unsigned long)chunk + HUGE_SZ;
		}
	}
	for (i = 0; !huge && i < SPARSE_PAGES; i++) {
		/* 62 random bits: a 16 TiB reservation has 2^32 pages. */
		page = next_rand(&seed) << 31;
		page |= next_rand(&seed);
		map[page % (len / PAGE_SZ) * PAGE_SZ] = 1;
	}

	print_target(0, getpid(), map, len);
	printf("ready\n");
	fflush(stdout);
	wait_for_start();
	printf("phase %.6f\n", now());
	print_hot(0, hot, n);
	fflush(stdout);
	keep_hot(hot, n, seconds);
	printf("done %.6f\n", now());
	fflush(stdout);
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 1 ? argv[1] : "";
	sigset_t set;

	/* Blocked before any fork, so that SIGUSR1 waits for sigwait(). */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	if (argc == 3 && !strcmp(mode, "hot"))
		run_single(mode, 1024 * MIB, 1, PAGE_SZ, 1, atof(argv[2]));
	else if (argc == 3 && !strcmp(mode, "moving"))
		run_single(mode, 512 * MIB, 1, PAGE_SZ, 6, atof(argv[2]));
	else if (argc == 3 && !strcmp(mode, "scattered"))
		run_single(mode, 512 * MIB, 0, PAGE_SZ, 1, atof(argv[2]));
	else if (argc == 4 && !strcmp(mode, "size"))
		run_single(mode, strtoul(argv[2], NULL, 0) * MIB, 0, MIB, 1,
			   atof(argv[3]));
	else if (argc == 4 && !strcmp(mode, "multi"))
		run_multi(atoi(argv[2]), atof(argv[3]));
	else if (argc == 4 && !strcmp(mode, "reclaim"))
		run_reclaim(strtoul(argv[2], NULL, 0) * MIB, atof(argv[3]));
	else if (argc == 4 && !strcmp(mode, "sparse"))
		run_sparse(strtoul(argv[2], NULL, 0) * GIB, SPARSE_CHUNKS, 1,
			   atof(argv[3]));
	else if (argc == 4 && !strcmp(mode, "sparse-4k"))
		run_sparse(strtoul(argv[2], NULL, 0) * GIB, SPARSE_CHUNKS, 0,
			   atof(argv[3]));
	else if (argc == 4 && !strcmp(mode, "sparse-many"))
		run_sparse(strtoul(argv[2], NULL, 0) * GIB, SPARSE_MANY, 1,
			   atof(argv[3]));
	else {
		fprintf(stderr, "usage: %s hot|moving|scattered SECONDS\n"
			"       %s size MIB SECONDS\n"
			"       %s multi NPROC SECONDS\n"
			"       %s reclaim MIB SECONDS\n"
			"       %s sparse|sparse-4k|sparse-many GIB SECONDS\n",
			argv[0], argv[0], argv[0], argv[0], argv[0]);
		return 2;
	}
	for (;;)
		pause();
}
