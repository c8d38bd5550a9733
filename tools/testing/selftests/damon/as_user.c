// SPDX-License-Identifier: GPL-2.0
/*
 * as_user - run a command as another user, for tests of what root alone
 * may do.
 *
 * Usage: as_user UID COMMAND [ARGS...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	uid_t uid;

	if (argc < 3) {
		fprintf(stderr, "usage: %s UID COMMAND [ARGS...]\n", argv[0]);
		return 2;
	}
	uid = strtoul(argv[1], NULL, 10);
	if (setgid(uid) || setuid(uid)) {
		perror("setuid");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 2;
}
