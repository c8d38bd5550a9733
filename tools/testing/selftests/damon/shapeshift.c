// SPDX-License-Identifier: GPL-2.0
/*
 * shapeshift - a monitored process that changes under the monitor.
 *
 * Usage: shapeshift SECONDS
 *
 * Maps and touches 256 MiB, forks a child that execs /bin/true, unmaps
 * all but 16 MiB and keeps touching that, then maps and touches 64 MiB
 * elsewhere, and at last execs "sleep SECONDS": the same pid with a new
 * address space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB	(1UL << 20)

static void touch(char *p, unsigned long len, int rounds)
{
	unsigned long i;

	while (rounds--)
		for (i = 0; i < len; i += 4096)
			__atomic_fetch_add(&p[i], 1, __ATOMIC_RELAXED);
}

int main(int argc, char *argv[])
{
	char *big, *other;
	pid_t child;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SECONDS\n", argv[0]);
		return 2;
	}
	big = mmap(NULL, 256 * MIB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED)
		return 1;
	touch(big, 256 * MIB, 2);
	child = fork();
	if (child == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (child > 0)
		waitpid(child, NULL, 0);
	munmap(big + 16 * MIB, 240 * MIB);
	touch(big, 16 * MIB, 200);
	other = mmap(NULL, 64 * MIB, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (other == MAP_FAILED)
		return 1;
	touch(other, 64 * MIB, 20);
	execlp("sleep", "sleep", argv[1], (char *)NULL);
	return 1;
}
