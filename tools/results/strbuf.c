// SPDX-License-Identifier: GPL-2.0
/*
 * Growable strings. Allocation failure dies, so no caller checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_slopbuf;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

/**
 * strbuf_detach() - take the string out of a strbuf
 * @sb: the strbuf, left empty
 *
 * Return: a malloc'd NUL-terminated string the caller frees.
 */
char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->alloc ? sb->buf : xstrdup("");

	strbuf_init(sb);
	return s;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want = sb->len + extra + 1;

	if (want < sb->len)
		die("string too long");
	if (want <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	sb->alloc = sb->alloc ? sb->alloc : 64;
	while (sb->alloc < want)
		sb->alloc *= 2;
	sb->buf = xrealloc(sb->buf, sb->alloc);
	if (!sb->len)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

/**
 * strbuf_addul() - append a number in decimal
 * @sb: the buffer
 * @v: the number
 *
 * What "%lu" gives, without going through printf: RESULTS writes one
 * for every group it lists.
 */
void strbuf_addul(struct strbuf *sb, unsigned long v)
{
	char digits[3 * sizeof(v)], *p = digits + sizeof(digits);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	strbuf_add(sb, p, digits + sizeof(digits) - p);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	strbuf_grow(sb, 64);
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("bad format string");
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += n;
}

/**
 * strbuf_read_file() - append a whole file to a strbuf
 * @sb: where it goes
 * @path: the file
 *
 * For small structured files (a RESULTS file, a known-issues YAML);
 * logs are streamed, never read whole.
 *
 * Return: 0, or -1 after "results: PATH: what is wrong".
 */
int strbuf_read_file(struct strbuf *sb, const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return error("%s: cannot open: %s", path, strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error("%s: read error: %s", path,
			      errno == EISDIR ? "is a directory" :
			      strerror(errno));
			close(fd);
			return -1;
		}
		strbuf_add(sb, buf, n);
	}
	close(fd);
	return 0;
}
