// SPDX-License-Identifier: GPL-2.0
/*
 * write_once - copy standard input into FILE with exactly one write(2).
 *
 * Usage: write_once FILE < INPUT
 *
 * Shell redirections split big inputs into several writes and make no
 * write at all for an empty input; this makes the write a test asks for,
 * of any size, zero included.  On failure it prints strerror(errno), the
 * text tests match against, and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);
	ssize_t n;
	int fd;

	if (argc != 2 || !buf) {
		fprintf(stderr, "usage: %s FILE < INPUT\n", argv[0]);
		return 2;
	}
	while ((n = read(STDIN_FILENO, buf + len, size - len)) > 0) {
		len += n;
		if (len == size) {
			size *= 2;
			buf = realloc(buf, size);
			if (!buf) {
				perror("realloc");
				return 2;
			}
		}
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("open: %s\n", strerror(errno));
		return 1;
	}
	n = write(fd, buf, len);
	if (n < 0) {
		printf("%s\n", strerror(errno));
		return 1;
	}
	if ((size_t)n != len) {
		printf("short write: %zd of %zu bytes\n", n, len);
		return 1;
	}
	return 0;
}
