/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_STRBUF_H
#define RESULTS_STRBUF_H

#include <stddef.h>
#include <string.h>

#include "util.h"

/*
 * A growable string. @buf is never NULL and always NUL-terminated; @len
 * excludes the NUL. strbuf_detach() hands @buf to the caller.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { .buf = strbuf_slopbuf }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_addul(struct strbuf *sb, unsigned long v);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __printf(2, 3);
void strbuf_setlen(struct strbuf *sb, size_t len);
int strbuf_read_file(struct strbuf *sb, const char *path);

/*
 * The appends, inline: RESULTS is written a piece at a time, and most
 * pieces fit in the room there is.
 */
static inline void strbuf_add(struct strbuf *sb, const void *data,
			      size_t len)
{
	/* strbuf_grow()'s test: @len bytes and the NUL */
	if (sb->alloc - sb->len <= len)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

#endif /* RESULTS_STRBUF_H */
